package org.studyledger.center.intake;

import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Reads {@code @RequestBody JsonBody} parameters with the intake's {@link JsonBodyReader}, so a write's body is
 * bounded and checked the same way at every endpoint. Reading only: responses are written by Spring's Jackson.
 */
final class JsonBodyConverter extends AbstractHttpMessageConverter<JsonBody> {
    private final JsonBodyReader reader;
    private final long maxBytes;

    JsonBodyConverter(IntakeProperties limits) {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        this.reader = new JsonBodyReader(limits);
        this.maxBytes = limits.maxBodySize().toBytes();
    }

    @Override
    protected boolean supports(Class<?> type) {
        return JsonBody.class.equals(type);
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    protected JsonBody readInternal(Class<? extends JsonBody> type, HttpInputMessage input) throws IOException {
        return reader.read(BoundedBodies.read(input.getBody(), maxBytes, "studyledger.center.intake.max-body-size"));
    }

    @Override
    protected void writeInternal(JsonBody body, HttpOutputMessage output) {
        throw new UnsupportedOperationException("a JsonBody is only read");
    }

    @Override
    public List<MediaType> getSupportedMediaTypes(Class<?> clazz) {
        return supports(clazz) ? super.getSupportedMediaTypes() : List.of();
    }
}
