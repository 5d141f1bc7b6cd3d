package io.shoal.node.render;

/**
 * Where and how a fish lies in the frame.
 *
 * @param centerX    body centre, pixels from the left
 * @param centerY    body centre, pixels from the top
 * @param length     nose-to-tail length in pixels
 * @param angle      rotation in radians (positive turns the nose down when facing right)
 * @param facingLeft mirror so the nose points left
 * @param bellyUp    mirror vertically, as a dead fish floats or lies
 */
record FishPose(double centerX, double centerY, double length, double angle, boolean facingLeft, boolean bellyUp) {}
