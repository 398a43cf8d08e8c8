/**
 * The lessons layer's public entry: the lesson format, loading and validation, goal checks,
 * predictions, safe Markdown and saved progress. Pure TypeScript like the engine.
 */
export { GoalSchema, GOAL_TYPES, type Goal } from './goal-schema.ts';
export {
  LessonSchema,
  StepSchema,
  LESSON_SCHEMA_VERSION,
  createLessonJsonSchema,
  renderLessonJsonSchema,
  type LessonInput,
  type Step,
  type NarrativeStep,
  type TaskStep,
  type QuizStep,
  type PredictStep,
  type PredictAsk,
  type TraceRequest,
} from './lesson-schema.ts';
export type { LessonProblem } from './problems.ts';
export { parseJsonSafely, MAX_JSON_CHARS, MAX_JSON_DEPTH } from './safe-json.ts';
export {
  createLessonParser,
  type LessonFile,
  type LoadedLesson,
  type LessonOf,
  type ParseLessonResult,
} from './lesson-parser.ts';
export type { LessonEngine } from './validate-lesson.ts';
export { parseLesson, loadLessons, loadLesson, type Lesson } from './load-lesson.ts';
export { evaluateGoal, findLatestTrace, type GoalStatus } from './goals.ts';
export type { GoalContext, GoalState, LogEntry, TraceLike, HopLike } from './goal-context.ts';
export { readPrediction, checkPrediction, isSameAnswer } from './prediction.ts';
export {
  checkLessonSolution,
  type SolutionCheck,
  type StepCheck,
  type ReplayEngine,
} from './solution-check.ts';
export { runLessonSolution, createGoalContext, routesOfNode } from './run-lesson.ts';
export { renderLessonMarkdown, renderLessonMarkdownInline, isAllowedLink } from './markdown.ts';
export {
  parseProgress,
  exportProgress,
  importProgress,
  mergeProgress,
  recordStep,
  recordAnswer,
  createEmptyProgress,
  PROGRESS_VERSION,
  type Progress,
  type LessonProgress,
  type ParsedProgress,
} from './progress.ts';
