package dev.apigw.emulator.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Archives for tests, built from files: a fixture directory under {@code fixtures/archives/} (assets written in the
 * product's layout, with {@code ${name}} placeholders filled in), or any directory on disk (the real vendor exports
 * committed unzipped, zipped the way {@code zip -r} does). And the entries of a zip, read back.
 */
public final class Zips {
    private Zips() {
    }

    /**
     * The fixture {@code fixtures/archives/<name>/} as the product writes it: files only, each with the comment
     * {@code Timestamp: <ms> Mimetype: application/json} ({@code application/xml} for the manifest).
     */
    public static byte[] fixture(String name, Map<String, String> vars) {
        Path dir = resourceDir("fixtures/archives/" + name);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path f : files(dir)) {
            String text = read(f);
            for (var v : vars.entrySet()) text = text.replace("${" + v.getKey() + "}", v.getValue());
            files.put(dir.relativize(f).toString().replace('\\', '/'), text.getBytes(StandardCharsets.UTF_8));
        }
        return zip(files, true, false);
    }

    /** A directory zipped as {@code zip -r} does: directory entries, no comments. */
    public static byte[] directory(Path dir) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path f : files(dir)) {
            try {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return zip(files, false, true);
    }

    /** A zip of the given entries (path → content). */
    public static byte[] zip(Map<String, byte[]> entries, boolean productComments, boolean directoryEntries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            java.util.Set<String> dirs = new java.util.HashSet<>();
            for (var e : entries.entrySet()) {
                if (directoryEntries) {
                    String[] parts = e.getKey().split("/");
                    StringBuilder d = new StringBuilder();
                    for (int i = 0; i < parts.length - 1; i++) {
                        d.append(parts[i]).append('/');
                        if (dirs.add(d.toString())) zip.putNextEntry(new ZipEntry(d.toString()));
                    }
                }
                ZipEntry entry = new ZipEntry(e.getKey());
                if (productComments) {
                    entry.setComment("Timestamp: 1700000000000 Mimetype: "
                        + (e.getKey().endsWith(".acdl") ? "application/xml" : "application/json"));
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every file entry of a zip (directories skipped), in order. */
    public static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) out.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The same entries with one replaced (or removed, when {@code content} is null). */
    public static byte[] with(byte[] zip, String path, byte[] content) {
        Map<String, byte[]> entries = entries(zip);
        if (content == null) entries.remove(path);
        else entries.put(path, content);
        return zip(entries, true, false);
    }

    private static Path resourceDir(String resource) {
        URL url = Zips.class.getClassLoader().getResource(resource);
        if (url == null) throw new IllegalArgumentException("no test resource " + resource);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
