package org.knime.deepclem.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Affine2DTest {

    @Test
    void similarityHasItsScaleAndAngle() {
        Affine2D t = Affine2D.similarity(1.7, Math.toRadians(-123), 10, -4);
        assertEquals(1.7, t.scale(), 1e-12);
        assertEquals(-123, t.rotationDegrees(), 1e-9);
        // the origin goes to the shift
        assertEquals(10, t.applyX(0, 0), 1e-12);
        assertEquals(-4, t.applyY(0, 0), 1e-12);
    }

    @Test
    void inverseUndoes() {
        Affine2D t = new Affine2D(1.2, 0.3, 5, -0.1, 0.9, -7);
        Affine2D id = t.inverse().after(t);
        assertEquals(0, id.rmsDistance(Affine2D.IDENTITY, 1000, 800, 10), 1e-9);
    }

    @Test
    void compositionOrder() {
        Affine2D shift = Affine2D.translation(3, 0);
        Affine2D doubling = Affine2D.similarity(2, 0, 0, 0);
        // doubling after shift: (1,0) -> (4,0) -> (8,0)
        assertEquals(8, doubling.after(shift).applyX(1, 0), 1e-12);
        assertEquals(5, shift.after(doubling).applyX(1, 0), 1e-12);
    }

    @Test
    void rmsDistanceOfAShiftIsTheShift() {
        assertEquals(5, Affine2D.translation(3, 4).rmsDistance(Affine2D.IDENTITY, 640, 480, 8), 1e-12);
    }

    @Test
    void singularHasNoInverse() {
        assertThrows(IllegalStateException.class, () -> new Affine2D(1, 2, 0, 2, 4, 0).inverse());
    }

    @Test
    void rowMajorRoundTrip() {
        double[] m = {1, 2, 3, 4, 5, 6};
        assertEquals(Affine2D.fromRowMajor(m), new Affine2D(1, 2, 3, 4, 5, 6));
        assertThrows(IllegalArgumentException.class, () -> Affine2D.fromRowMajor(new double[5]));
    }
}
