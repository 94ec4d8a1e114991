package dev.apigw.emulator.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of an archive entry and what it says: every asset file is named {@code <Type>.<id>} (the id
 * percent-encoded, e.g. {@code %40} for {@code @}) below at least one folder, e.g.
 * {@code API/API.<apiId>/Policy/Policy.<policyId>/Policy.<policyId>}. Names written by other tools are normalised
 * first: backslashes become slashes, a leading {@code ./} or {@code /} goes, directories and macOS metadata are skipped.
 *
 * @param path the normalised path
 * @param type the type named by the file ({@code API}, {@code Policy}, {@code User}, ...), or null for other files
 * @param id the decoded id, or null
 */
record EntryName(String path, String type, String id) {
    private static final Pattern ASSET = Pattern.compile("([A-Z][A-Za-z]*)\\.(.+)");

    /** The entry's name, or null for entries that hold no file (directories, macOS resource forks). */
    static EntryName parse(String raw) {
        String p = raw.replace('\\', '/');
        while (p.startsWith("./") || p.startsWith("/")) p = p.substring(p.startsWith("/") ? 1 : 2);
        if (p.isEmpty() || p.endsWith("/") || p.startsWith("__MACOSX/")) return null;
        int slash = p.lastIndexOf('/');
        String file = p.substring(slash + 1);
        if (file.startsWith("._")) return null;
        Matcher m = ASSET.matcher(file);
        if (slash < 0 || !m.matches()) return new EntryName(p, null, null);
        return new EntryName(p, m.group(1), decode(m.group(2)));
    }

    /** {@code <Type>.<id>} with the id percent-encoded where the product encodes it. */
    static String file(String type, String id) {
        return type + "." + encode(id);
    }

    static String encode(String id) {
        StringBuilder sb = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || "-_.~ ".indexOf(c) >= 0);
            if (plain) sb.append(c);
            else sb.append('%').append(String.format("%02X", b & 0xff));
        }
        return sb.toString();
    }

    static String decode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
