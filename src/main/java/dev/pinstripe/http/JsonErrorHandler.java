package dev.pinstripe.http;

import dev.pinstripe.api.ApiErrors;
import dev.pinstripe.api.ApiException;
import dev.pinstripe.api.ErrorJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before a request reaches the router (an ambiguous or malformed URI, headers
 * too large) leave as Stripe's error JSON too, never as Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        ApiException error = code == 404
                ? ApiErrors.unrecognizedUrl(request.getMethod(), request.getHttpURI().getPath())
                : ApiErrors.httpError(code, message);
        response.setStatus(error.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ErrorJson.render(error).getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(ErrorJson.render(ApiErrors.httpError(status, reason)).getBytes(StandardCharsets.UTF_8));
    }
}
