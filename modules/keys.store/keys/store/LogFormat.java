package keys.store;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk framing shared by log segments and snapshots.
 *
 * <pre>
 * file   = magic (7 ASCII bytes: KEYSLOG or KEYSNAP) version (u8) frame*
 * frame  = length (u32, payload bytes) crc (u32, CRC-32C of seq and payload) seq (u64) payload
 * </pre>
 * All integers are big-endian. The CRC does not cover the length: a damaged length either points
 * past the end (torn) or makes the CRC fail, and either way the frame is rejected.
 */
final class LogFormat {
    static final byte[] LOG_MAGIC = "KEYSLOG".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SNAPSHOT_MAGIC = "KEYSNAP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int FRAME_HEADER_BYTES = 16;
    /** Bounds a frame so a damaged length cannot make a reader allocate gigabytes. */
    static final int MAX_PAYLOAD = 64 << 20;

    private LogFormat() {
    }

    static byte[] header(byte[] magic) {
        byte[] h = new byte[HEADER_BYTES];
        System.arraycopy(magic, 0, h, 0, magic.length);
        h[7] = (byte) VERSION;
        return h;
    }

    /** CRC-32C of the frame's seq field and payload. */
    static int crc(long seq, byte[] payload, int off, int len) {
        CRC32C crc = new CRC32C();
        for (int shift = 56; shift >= 0; shift -= 8) {
            crc.update((int) (seq >>> shift));
        }
        crc.update(payload, off, len);
        return (int) crc.getValue();
    }
}
