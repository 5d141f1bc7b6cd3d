package io.shoal.node.pen;

import io.shoal.protocol.pen.PenProtocol;

/** The entity's own timer: time to look for silent cameras ({@code CheckCameras} at the clock's now). */
enum CameraCheckDue implements PenProtocol.Internal {
  INSTANCE
}
