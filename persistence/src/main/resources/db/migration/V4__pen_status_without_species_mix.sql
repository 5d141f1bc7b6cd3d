-- pen_status is maintained only from the pens' events (the read-model projection), and no event carries a pen's
-- species mix: FrameAssessed has one frame's top species, and the mix is a share over the entity's sliding window
-- (its size and age limits, frames leaving it) that the entity computes in memory and never journals. A
-- projection could only guess it, so the column would stay '{}' forever and tell readers a lie. The live mix is
-- the entity's answer to GetHealth (PenHealth.speciesMix); history per frame is in pen_assessments.species.
-- V3 has landed and is never edited: the column goes here.
ALTER TABLE pen_status DROP COLUMN species_mix;
