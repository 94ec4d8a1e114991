package dev.apigw.emulator.model;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The product's asset timestamps, e.g. {@code 2018-09-03 11:56:21 GMT}. */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'");

    private Timestamps() {
    }

    public static String now() {
        return FORMAT.format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
