/** The widget toolkit's public API; see README.md in this folder. */
export { labBus, createLabBus, type LabBus, type LabCue, type LabHandle } from './labBus';
export * from './urlState';
export * from './store';
export * from './viewModel';
export * from './definition';
export { useMechanismLab, useLab, applyCueToStore, type LabInstance, type ReaderControls } from './useMechanismLab';
export { usePrefersReducedMotion } from './usePrefersReducedMotion';
export { LabFrame, labComponent, withLabBoundary, type LabFrameProps } from './LabFrame';
export { StepCaption, useLiveSentence, type StepCaptionProps } from './StepCaption';
export { latestStep, sentence, listOf, plainStep, findIn, type StepCaptionSelector, type LatestStep } from './stepCaption';
export { MessageGlyphs, placeGlyphLabels, GLYPH_LABEL, type Glyph, type MessageGlyphsProps } from './MessageGlyphs';
export { termColour, roleColour, TERM_COLOURS, TERM_TEXT, type Role } from './palette';
export { ClusterView, layoutNodes } from './ClusterView';
export { SpaceTimeDiagram, diagramItems } from './SpaceTimeDiagram';
export { EventTable } from './EventTable';
export { TimeScrubber } from './TimeScrubber';
export { SelectField, ResultList, withCurrent, type SelectFieldProps, type ResultRow } from './fields';
