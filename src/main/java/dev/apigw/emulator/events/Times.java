package dev.apigw.emulator.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and durations as the product's event APIs write them, all in UTC: {@code 2020-05-01},
 * {@code 2020-05-01 08:00:00}, ISO-8601 ({@code 2020-05-01T08:00:00Z}), epoch milliseconds (or seconds, below
 * 10^11); durations {@code <n><unit>} with s, m (minutes), h, d, w, M (months), y. Unparsable input yields null.
 */
final class Times {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9})\\s*([smhdwMyDHWYS])\\s*");

    private Times() {
    }

    /** The instant a date or date-time names; a date alone is its first millisecond (or its last, {@code endOfDay}). */
    static Long parse(Object value, boolean endOfDay) {
        if (value instanceof Number n) return epoch(n.longValue());
        if (!(value instanceof String s) || s.isBlank()) return null;
        String t = s.trim();
        if (t.chars().allMatch(Character::isDigit) && t.length() <= 15) return epoch(Long.parseLong(t));
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                long start = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                return endOfDay ? start + 86_399_999 : start;
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) return Instant.parse(t).toEpochMilli();
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long epoch(long n) {
        return n < 100_000_000_000L ? n * 1000 : n; // 10^11 s is the year 5138; as ms it is 1973
    }

    /** The instant {@code duration} before {@code now}, or null when it is no duration. */
    static Long before(String duration, long now) {
        if (duration == null) return null;
        Matcher m = DURATION.matcher(duration);
        if (!m.matches()) return null;
        long n = Long.parseLong(m.group(1));
        ZonedDateTime t = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC);
        return switch (m.group(2)) {
            case "s", "S" -> now - n * 1000;
            case "m" -> now - n * 60_000;
            case "h", "H" -> now - n * 3_600_000;
            case "d", "D" -> now - n * 86_400_000;
            case "w", "W" -> now - n * 7 * 86_400_000;
            case "M" -> t.minusMonths(n).toInstant().toEpochMilli();
            default -> t.minusYears(n).toInstant().toEpochMilli();
        };
    }

    /** {@code yyyy-MM-dd HH:mm:ss GMT}, as the product reports job dates. */
    static String gmt(long epochMs) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .format(Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC)) + " GMT";
    }
}
