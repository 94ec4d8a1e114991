package dev.apigw.emulator.runtime;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.Http1xHeaders;
import io.vertx.core.internal.http.HttpHeadersInternal;

/**
 * Headers that are at once Netty's and Vert.x's ({@link Http1xHeaders}, the class Vert.x's own HTTP/1.1 connections
 * use, validated the same way): the backend leg's request and response heads are built and decoded in them, so they
 * pass between Netty's codec and a Vert.x {@code MultiMap} without a copy or an adaptor per request.
 */
final class VertxHeaders {
    static final HttpHeadersFactory FACTORY = new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
            return Http1xHeaders.httpHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return Http1xHeaders.httpHeaders();
        }
    };

    private VertxHeaders() {
    }

    /** The decoder's headers as they are (made by {@link #FACTORY}), any other kind behind an adaptor. */
    static MultiMap of(HttpHeaders headers) {
        return headers instanceof MultiMap m ? m : HttpHeadersInternal.headers(headers);
    }

    static Http1xHeaders create() {
        return Http1xHeaders.httpHeaders();
    }
}
