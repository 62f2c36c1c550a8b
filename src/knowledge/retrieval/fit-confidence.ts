import { CONFIDENCE_FEATURES, type ConfidenceFeatures } from './retrieval-config.js';
import type { RetrievalConfig } from './retrieval-config.js';
import { fitLogistic } from './fit-logistic.js';

/** A candidate procedure of a labelled question: its signals and whether it is an expected answer. */
export interface CalibrationExample {
  features: ConfidenceFeatures;
  correct: boolean;
}

/**
 * Fits the confidence's logistic coefficients by maximum likelihood (Newton's method with a little
 * L2 regularisation, so a small labelled set cannot push them to infinity). Also returns the expected
 * calibration error (ECE, 10 bins) of the fitted model on the same examples.
 */
export function fitConfidence(examples: CalibrationExample[]): {
  coefficients: RetrievalConfig['confidence'];
  logLoss: number;
  expectedCalibrationError: number;
} {
  const rows = examples.map((example) => CONFIDENCE_FEATURES.map((feature) => example.features[feature]));
  const { beta, logLoss, expectedCalibrationError } = fitLogistic(
    rows,
    examples.map((example) => example.correct),
  );
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    coefficients: {
      intercept: round(beta[0]),
      weights: Object.fromEntries(
        CONFIDENCE_FEATURES.map((feature, j) => [feature, round(beta[j + 1])]),
      ) as Record<(typeof CONFIDENCE_FEATURES)[number], number>,
    },
    logLoss,
    expectedCalibrationError,
  };
}
