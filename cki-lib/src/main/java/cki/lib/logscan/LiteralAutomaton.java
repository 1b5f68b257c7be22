package cki.lib.logscan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds many literals at once in one pass over bytes (an Aho-Corasick automaton compiled to a full
 * transition table), ignoring ASCII case. It is the cheap prefilter in front of the matchers' regexes:
 * one table lookup per trace byte, whatever the number of literals.
 */
final class LiteralAutomaton {
    private final int[] next;      // state * 256 + byte -> state
    private final int[][] outputs; // state -> ids of literals ending here, or null

    LiteralAutomaton(List<String> literals) {
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        trie.add(newRow());
        ends.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            int state = 0;
            for (byte raw : literals.get(id).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
                int b = raw & 0xff;
                if (trie.get(state)[b] < 0) {
                    trie.get(state)[b] = trie.size();
                    trie.add(newRow());
                    ends.add(new ArrayList<>());
                }
                state = trie.get(state)[b];
            }
            ends.get(state).add(id);
        }
        int states = trie.size();
        next = new int[states * 256];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int b = 0; b < 256; b++) {
            int child = trie.get(0)[b];
            next[b] = child < 0 ? 0 : child;
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            ends.get(state).addAll(ends.get(fail[state]));
            for (int b = 0; b < 256; b++) {
                int child = trie.get(state)[b];
                if (child < 0) {
                    next[state * 256 + b] = next[fail[state] * 256 + b];
                } else {
                    fail[child] = next[fail[state] * 256 + b];
                    next[state * 256 + b] = child;
                    queue.add(child);
                }
            }
        }
        // ASCII case folding: an upper-case byte moves like its lower-case twin
        for (int state = 0; state < states; state++) {
            for (int b = 'A'; b <= 'Z'; b++) {
                next[state * 256 + b] = next[state * 256 + b + 32];
            }
        }
        outputs = new int[states][];
        for (int state = 0; state < states; state++) {
            List<Integer> ids = ends.get(state);
            outputs[state] = ids.isEmpty() ? null : ids.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
    }

    private static int[] newRow() {
        int[] row = new int[256];
        Arrays.fill(row, -1);
        return row;
    }

    /** The transition table, indexed {@code state * 256 + (byte & 0xff)}; state 0 is the start. */
    int[] table() {
        return next;
    }

    /** The literal ids recognised on entering {@code state}, or null. */
    int[] outputs(int state) {
        return outputs[state];
    }
}
