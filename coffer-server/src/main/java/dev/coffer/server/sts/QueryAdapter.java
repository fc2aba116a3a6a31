package dev.coffer.server.sts;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.iam.Principal;
import dev.coffer.server.http.ApiRequest;
import dev.coffer.server.http.ApiResponse;
import dev.coffer.server.http.Protocol;
import dev.coffer.server.http.ProtocolAdapter;
import dev.coffer.server.http.QueryParams;
import dev.coffer.server.http.RequestContext;
import dev.coffer.server.xml.XmlWriter;
import java.io.IOException;

/**
 * STS and IAM over the AWS Query protocol: parameters from the query string and a form-encoded body,
 * the operation in {@code Action}, the API version in {@code Version}.
 *
 * <p>STS answers {@code GetCallerIdentity}; IAM has no operations yet and answers every action with
 * {@code InvalidAction}, as AWS does for an action it does not know.
 */
public final class QueryAdapter implements ProtocolAdapter {
    static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    /** Query requests are a few kilobytes at most (IAM policies are 6 KB); bound what we buffer. */
    private static final int MAX_REQUEST_BYTES = 256 * 1024;

    private final Protocol protocol;
    private final String namespace;
    private final String version;

    private QueryAdapter(Protocol protocol, String namespace, String version) {
        this.protocol = protocol;
        this.namespace = namespace;
        this.version = version;
    }

    public static QueryAdapter sts() {
        return new QueryAdapter(Protocol.STS, STS_NAMESPACE, "2011-06-15");
    }

    public static QueryAdapter iam() {
        return new QueryAdapter(Protocol.IAM, IAM_NAMESPACE, "2010-05-08");
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        byte[] body = request.body().readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            throw new QueryError(413, "RequestEntityTooLarge", "Request body must be less than 256 KB");
        }
        QueryParams params = request.query();
        String contentType = request.headers().first("Content-Type").orElse("");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            params = params.plus(QueryParams.parse(new String(body, UTF_8)));
        }
        String action = params.first("Action")
                .orElseThrow(() -> new QueryError(400, "MissingAction", "Missing Action"));
        String requested = params.first("Version").orElse(version);
        if (protocol == Protocol.STS && action.equals("GetCallerIdentity") && requested.equals(version)) {
            return getCallerIdentity(request.principal(), request.context());
        }
        throw new QueryError(400, "InvalidAction",
                "Could not find operation " + action + " for version " + requested);
    }

    private ApiResponse getCallerIdentity(Principal p, RequestContext context) {
        XmlWriter xml = new XmlWriter().start("GetCallerIdentityResponse", namespace)
                .start("GetCallerIdentityResult")
                .element("Arn", p.arn())
                .element("UserId", p.userId())
                .element("Account", p.accountId())
                .end()
                .start("ResponseMetadata").element("RequestId", context.requestId()).end()
                .end();
        return ApiResponse.status(200)
                .header("x-amzn-RequestId", context.requestId())
                .body("text/xml", xml.toBytes())
                .build();
    }

    @Override
    public ApiResponse error(Throwable failure, RequestContext context, String method, String rawPath) {
        return QueryErrors.of(failure, context, namespace);
    }
}
