package dev.apigw.emulator.runtime;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The one owner of a runtime exchange's life on the wire, from admission to the end. It alone installs the server
 * response's headers-end, end, close, exception and drain handlers and the request's exception handler, and it ends
 * the exchange exactly once whatever ends it: a normal end; the client gone before the head, mid-body or mid-upload;
 * an HTTP/2 stream reset; a backend that breaks off mid-body. Ending counts the request out of admission and tells
 * every observer, with the status sent, {@link #CLIENT_CLOSED} for an exchange the client abandoned, or
 * {@link #BACKEND_BROKE} when the gateway had to reset a response whose head was already out.
 *
 * <p>Response-time work is registered here and run by the owner when the head is written: the policies' response
 * headers (last registered first, as vertx-http-proxy walks its interceptors back for the response), then
 * {@code Connection: close} while the node drains. Confined to the request's event loop, like the exchange. It is
 * itself the response's and the request's exception handler (an abort), which saves two objects per request.
 */
public final class ExchangeLifecycle implements Handler<Throwable> {
    /** The status observers see for an exchange the client abandoned before its response ended (nginx's 499). */
    public static final int CLIENT_CLOSED = 499;
    /** The status observers see when the backend broke off after the response head was sent (the client got a reset). */
    public static final int BACKEND_BROKE = 502;

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Admission admission;
    private final ExchangeObserver[] observers;
    private Exchange exchange;
    private Runnable onAbort;
    private Runnable onDrain;
    private List<Handler<HttpServerResponse>> headHooks;
    private boolean resetByGateway;
    private boolean finished;

    private ExchangeLifecycle(HttpServerRequest request, Admission admission, ExchangeObserver[] observers) {
        this.request = request;
        this.response = request.response();
        this.admission = admission;
        this.observers = observers;
    }

    /** Takes ownership of an admitted request's handler slots; the caller has counted it in. */
    public static ExchangeLifecycle begin(HttpServerRequest request, Admission admission, ExchangeObserver[] observers) {
        ExchangeLifecycle life = new ExchangeLifecycle(request, admission, observers);
        HttpServerResponse response = request.response();
        response.headersEndHandler(v -> life.head());
        response.endHandler(v -> life.finish(response.getStatusCode()));
        response.closeHandler(v -> life.closed());
        response.exceptionHandler(life);
        response.drainHandler(v -> life.drained());
        request.exceptionHandler(life);
        return life;
    }

    /** An exception on the request or the response: the exchange is abandoned. */
    @Override
    public void handle(Throwable err) {
        abort();
    }

    /** From now on the exchange addresses an API: observers will be told of it when it ends. */
    public void observe(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Run once if the exchange is abandoned before its response ended (e.g. reset the backend request). */
    public void onAbort(Runnable action) {
        this.onAbort = action;
    }

    /** Run whenever the response's write queue drains (e.g. resume the backend response). */
    public void onDrain(Runnable action) {
        this.onDrain = action;
    }

    /** Response-time work for the head; hooks run in reverse order of registration. */
    public void onResponseHead(Handler<HttpServerResponse> hook) {
        if (headHooks == null) headHooks = new ArrayList<>(2);
        headHooks.add(hook);
    }

    /** The head is out and the body cannot be finished: reset, so a truncated body never looks complete. */
    public void resetResponse() {
        resetByGateway = true;
        if (!response.closed()) response.reset();
    }

    public boolean finished() {
        return finished;
    }

    private void head() {
        if (exchange != null) exchange.writeResponseHeaders(response);
        if (headHooks != null) {
            for (int i = headHooks.size() - 1; i >= 0; i--) headHooks.get(i).handle(response);
        }
        if (admission.closeConnections()) Draining.moveOff(request);
    }

    private void drained() {
        if (onDrain != null) onDrain.run();
    }

    /** HTTP/2 closes every stream, ended ones too: only a close before the end is an abort. */
    private void closed() {
        if (!response.ended()) abort();
        else finish(response.getStatusCode());
    }

    /** Ends the exchange first: resetting the backend fails its response, and nobody may answer a client that left. */
    private void abort() {
        if (finished) return;
        finish(resetByGateway ? BACKEND_BROKE : CLIENT_CLOSED);
        Runnable action = onAbort;
        onAbort = null;
        if (action != null) action.run();
    }

    private void finish(int status) {
        if (finished) return;
        finished = true;
        onDrain = null;
        // observers first: counting out may end a drain, whose final flush must find this exchange counted
        if (exchange != null) {
            exchange.ended(System.nanoTime());
            for (ExchangeObserver o : observers) o.completed(exchange, status);
        }
        admission.exit();
    }

    HttpServerRequest request() {
        return request;
    }
}
