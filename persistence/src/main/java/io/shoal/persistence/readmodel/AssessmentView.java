package io.shoal.persistence.readmodel;

import java.time.Instant;

/**
 * One row of {@code pen_assessments}: a frame as the model saw it.
 *
 * @param sequenceNr           the frame's event in the pen's journal (with the pen id, the row's key)
 * @param condition            null when no fish was present
 * @param conditionProbability null when no fish was present
 */
public record AssessmentView(String penId, long sequenceNr, String frameId, String cameraId, Instant capturedAt,
    String species, Float speciesProbability, String condition, Float conditionProbability, boolean fishPresent,
    String modelVersion) {}
