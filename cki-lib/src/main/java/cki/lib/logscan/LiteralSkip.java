package cki.lib.logscan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Skips through a log to the places where one of many literals may begin, looking at one two-byte
 * block per step (Wu and Manber's multi-pattern skip, ASCII case folded): a block that ends no
 * literal's first {@code window} bytes moves the window by up to {@code window - 1} bytes without
 * reading the bytes in between. That is how grep outruns a byte-by-byte automaton on logs where the
 * literals are rare; the automaton then only runs over the lines the skip stops in.
 */
final class LiteralSkip {
    private static final int MAX_WINDOW = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final byte[] FOLD = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            FOLD[b] = (byte) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
    }

    /** Blocks are hashed to 14 bits ({@link #block}): the table fits the CPU's first-level cache. */
    private static final int BLOCKS = 1 << 14;

    private final int window;
    private final byte[] shift = new byte[BLOCKS];
    private final byte[][] literals;
    private final int[][] byLastBlock;
    /** Each literal's first eight bytes, little-endian, {@code | 0x20} per byte, and which of them count. */
    private final long[] heads;
    private final long[] headMasks;

    private LiteralSkip(List<byte[]> folded, int window) {
        this.window = window;
        this.literals = folded.toArray(new byte[0][]);
        Arrays.fill(shift, (byte) (window - 1));
        List<List<Integer>> buckets = new ArrayList<>();
        for (int b = 0; b < BLOCKS; b++) {
            buckets.add(null);
        }
        for (int id = 0; id < literals.length; id++) {
            byte[] literal = literals[id];
            for (int j = 0; j + 1 < window; j++) {
                int block = block(literal[j], literal[j + 1]);
                shift[block] = (byte) Math.min(shift[block], window - 2 - j);
            }
            int last = block(literal[window - 2], literal[window - 1]);
            if (buckets.get(last) == null) {
                buckets.set(last, new ArrayList<>());
            }
            buckets.get(last).add(id);
        }
        heads = new long[literals.length];
        headMasks = new long[literals.length];
        for (int id = 0; id < literals.length; id++) {
            for (int i = 0; i < Math.min(8, literals[id].length); i++) {
                heads[id] |= (long) ((literals[id][i] | 0x20) & 0xff) << (8 * i);
                headMasks[id] |= 0xffL << (8 * i);
            }
        }
        byLastBlock = new int[BLOCKS][];
        for (int b = 0; b < BLOCKS; b++) {
            if (buckets.get(b) != null) {
                byLastBlock[b] = buckets.get(b).stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    /**
     * A skip over {@code literals} (their bytes in lower case, as the automaton has them: no byte A-Z
     * is left, so FOLD(byte) == byte), or empty when one is too short (under two bytes) to skip by.
     */
    static Optional<LiteralSkip> of(List<byte[]> literals) {
        if (literals.isEmpty()) {
            return Optional.empty();
        }
        int window = MAX_WINDOW;
        for (byte[] literal : literals) {
            window = Math.min(window, literal.length);
        }
        return window < 2 ? Optional.empty() : Optional.of(new LiteralSkip(literals, window));
    }

    /**
     * Two bytes as one table index, case folded without a table load: {@code | 0x20} makes ASCII
     * letters lower case (and merges a few other bytes, which only makes some shifts shorter), and the
     * top bit is dropped. The skip's speed is the latency of this chain, one step after another.
     */
    private static int block(byte first, byte second) {
        return ((first | 0x20) & 0x7f) << 7 | (second | 0x20) & 0x7f;
    }

    /** The length of the window: the shortest literal (at most 64 bytes). */
    int window() {
        return window;
    }

    /** How far the window ending at {@code end} (inclusive) can move; 0: a literal may begin at its start. */
    int shift(byte[] buf, int end) {
        return shift[block(buf[end - 1], buf[end])];
    }

    /** Whether a literal whose last window block ends at {@code end} begins at {@code start} (as far as {@code limit}). */
    boolean literalAt(byte[] buf, int start, int end, int limit) {
        int[] ids = byLastBlock[block(buf[end - 1], buf[end])];
        if (ids == null) {
            return false;
        }
        // most windows that end in a literal's last block begin with other bytes: compare eight at once
        long head = start + 8 <= limit ? (long) LONGS.get(buf, start) | 0x2020202020202020L : 0;
        for (int id : ids) {
            if (start + 8 <= limit && (head & headMasks[id]) != heads[id]) {
                continue;
            }
            byte[] literal = literals[id];
            int length = Math.min(literal.length, limit - start);
            int i = 0;
            while (i < length && FOLD[buf[start + i] & 0xff] == literal[i]) {
                i++;
            }
            if (i == length) {
                return true; // a match, or a prefix of one that the next read may complete
            }
        }
        return false;
    }
}
