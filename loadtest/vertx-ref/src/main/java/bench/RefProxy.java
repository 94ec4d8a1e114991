package bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Set;

/**
 * The Vert.x floor for bench/baseline.sh: a minimal streaming pass-through reverse proxy on Vert.x core
 * alone (no routing, no policies, no metrics). -Dport=18090 -Dorigin.port=18080 -Dinstances=N
 * -Dtransport=nio|epoll|io_uring (this copy's one addition; default nio, as the shared harness's)
 */
public final class RefProxy extends VerticleBase {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");
  private final int port = Integer.getInteger("port", 18090);
  private final int originPort = Integer.getInteger("origin.port", 18080);
  private HttpClient client;

  public static void main(String[] args) {
    int instances = Integer.getInteger("instances", Runtime.getRuntime().availableProcessors());
    String name = System.getProperty("transport", "nio");
    io.vertx.core.transport.Transport transport = switch (name) {
      case "epoll" -> io.vertx.core.transport.Transport.EPOLL;
      case "io_uring" -> io.vertx.core.transport.Transport.IO_URING;
      default -> io.vertx.core.transport.Transport.NIO;
    };
    System.out.println("vertx-ref-proxy transport: " + name);
    Vertx.builder().withTransport(transport).build().deployVerticle(RefProxy::new, new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("vertx-ref-proxy listening on 127.0.0.1:" + Integer.getInteger("port", 18090)))
        .onFailure(e -> { e.printStackTrace(); System.exit(1); });
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(256));
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(this::proxy)
        .listen(port, "127.0.0.1");
  }

  private void proxy(HttpServerRequest in) {
    in.pause();
    RequestOptions out = new RequestOptions().setMethod(in.method()).setHost("127.0.0.1").setPort(originPort)
        .setURI(in.uri());
    client.request(out).onComplete(ar -> {
      if (ar.failed()) { in.response().setStatusCode(502).end(); return; }
      var upstream = ar.result();
      copy(in.headers(), upstream.headers());
      upstream.send(in).onComplete(res -> {
        if (res.failed()) { in.response().setStatusCode(502).end(); return; }
        var back = res.result();
        var resp = in.response().setStatusCode(back.statusCode());
        copy(back.headers(), resp.headers());
        back.pipeTo(resp);
      });
    });
  }

  private static void copy(MultiMap from, MultiMap to) {
    from.forEach(e -> { if (!HOP_BY_HOP.contains(e.getKey().toLowerCase())) to.add(e.getKey(), e.getValue()); });
  }
}
