package dev.coffer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.it.RawRequests.Connection;
import dev.coffer.it.RawRequests.Request;
import dev.coffer.it.RawRequests.Response;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Stopping the server (what SIGTERM does) lets a request in flight finish, then refuses new connections. */
class GracefulShutdownTest {
    @RegisterExtension
    static final CofferExtension coffer = new CofferExtension();

    @Test
    void stop_whileARequestIsInFlight_letsItFinish_thenRefusesConnections() throws Exception {
        RawRequests raw = new RawRequests(coffer);
        Request put = raw.sign(raw.request(SdkHttpMethod.PUT, "/in-flight-bucket").build(),
                RawRequests.CREATE_BUCKET_CONFIGURATION.getBytes(UTF_8));
        byte[] body = put.body();
        int port = coffer.http().getPort();
        try (Connection c = raw.connect()) {
            c.write(put.head());
            c.write(Arrays.copyOf(body, body.length / 2));
            // Let Jetty dispatch the request to the handler: only dispatched requests are "in flight".
            Thread.sleep(300);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    coffer.node().close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(stopped).as("the stop waits for the request in flight").isNotDone();

            c.write(Arrays.copyOfRange(body, body.length / 2, body.length));
            Response answer = c.read();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            stopped.get(30, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }
}
