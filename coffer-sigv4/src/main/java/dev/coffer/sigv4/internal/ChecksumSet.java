package dev.coffer.sigv4.internal;

import dev.coffer.sigv4.checksum.ChecksumAlgorithm;
import dev.coffer.sigv4.checksum.RunningChecksum;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Several checksums over one stream, updated together in bulk. */
final class ChecksumSet {
    private final ChecksumAlgorithm[] algorithms;
    private final RunningChecksum[] running;

    ChecksumSet(Set<ChecksumAlgorithm> algorithms) {
        this.algorithms = algorithms.toArray(new ChecksumAlgorithm[0]);
        this.running = new RunningChecksum[this.algorithms.length];
        for (int i = 0; i < running.length; i++) {
            running[i] = this.algorithms[i].newChecksum();
        }
    }

    void update(byte[] b, int off, int len) {
        for (RunningChecksum c : running) {
            c.update(b, off, len);
        }
    }

    Map<ChecksumAlgorithm, byte[]> finish() {
        Map<ChecksumAlgorithm, byte[]> out = new EnumMap<>(ChecksumAlgorithm.class);
        for (int i = 0; i < running.length; i++) {
            out.put(algorithms[i], running[i].finish());
        }
        return Collections.unmodifiableMap(out);
    }
}
