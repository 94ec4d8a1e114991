package dev.apigw.emulator.admin;

import dev.apigw.emulator.runtime.GatewayException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * The admin router's check of what every handler after it reads without a second thought: the path and query decode
 * (a bad percent-escape such as {@code %zz} is a 400, not an exception deep in a resource), and a declared charset is
 * one the JVM knows ({@code charset=bogus} is a 400 before any body is decoded). Also hands the resources the JSON
 * nesting limit, which {@link Bodies#json} applies.
 */
final class RequestChecks implements Handler<RoutingContext> {
    static final String MAX_DEPTH = "apigw.maxJsonDepth";
    private final int maxJsonDepth;

    RequestChecks(int maxJsonDepth) {
        this.maxJsonDepth = maxJsonDepth;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (!escapesValid(uri)) {
            ctx.fail(GatewayException.admin(400, "BAD_ESCAPE", "The request URI has an invalid percent-escape "
                + "(% must be followed by two hexadecimal digits)"));
            return;
        }
        try {
            ctx.queryParams(); // decoded once here; resources read the cached result
        } catch (RuntimeException e) {
            ctx.fail(GatewayException.admin(400, "BAD_QUERY", "The query string cannot be decoded"));
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")
            && !type.toLowerCase(Locale.ROOT).contains("boundary=")) {
            ctx.fail(GatewayException.admin(400, "BAD_MULTIPART", "A multipart Content-Type needs a boundary"));
            return;
        }
        if (type != null && charsetOf(type) == null) {
            ctx.fail(GatewayException.admin(400, "UNSUPPORTED_CHARSET", "The charset of the Content-Type is not supported; "
                + "send UTF-8"));
            return;
        }
        ctx.put(MAX_DEPTH, maxJsonDepth);
        ctx.next();
    }

    /** Every '%' is followed by two hexadecimal digits. */
    static boolean escapesValid(String uri) {
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0 || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The charset a Content-Type declares, UTF-8 when it declares none, or null when the JVM does not know it. */
    static Charset charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (!p.toLowerCase(Locale.ROOT).startsWith("charset=")) continue;
            String name = p.substring(8).trim().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException e) { // IllegalCharsetNameException, UnsupportedCharsetException, ...
                return null;
            }
        }
        return java.nio.charset.StandardCharsets.UTF_8;
    }
}
