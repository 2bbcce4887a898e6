package org.studyledger.center.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body into memory only up to a limit, so a body of any size costs at most the limit. */
public final class BoundedBodies {
    private BoundedBodies() {
    }

    /**
     * The whole body, or {@link BodyTooLarge} as soon as more than {@code maxBytes} arrived (the rest is not read).
     *
     * @param setting the configuration property that sets the limit, named in the refusal
     */
    public static byte[] read(InputStream in, long maxBytes, String setting) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, 64 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > maxBytes) {
                throw new BodyTooLarge(maxBytes, setting);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
