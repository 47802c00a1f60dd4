package org.knime.deepclem.engine.registration;

/** FFT lengths that JTransforms handles quickly (products of 2, 3 and 5). */
final class FftSizes {

    private FftSizes() {
    }

    /** The smallest 2^a 3^b 5^c that is at least {@code n}, and even. */
    static int next(int n) {
        for (int m = Math.max(2, n);; m++) {
            if (m % 2 == 0 && smooth(m)) {
                return m;
            }
        }
    }

    private static boolean smooth(int m) {
        for (int p : new int[] {2, 3, 5}) {
            while (m % p == 0) {
                m /= p;
            }
        }
        return m == 1;
    }
}
