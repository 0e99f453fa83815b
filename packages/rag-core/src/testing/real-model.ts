import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfiguredEmbeddings, createEmbeddings } from '../embed/create-embeddings.js';

/** The model the tests embed with: real int8 weights, 384 dimensions, mean pooling. */
export const realModelName = 'Xenova/all-MiniLM-L6-v2';

export interface RealModel {
  /** Hugging Face layout folder (KNOWHOW_MODEL_DIR), absolute. */
  readonly directory: string;
  /** Model id (KNOWHOW_EMBEDDING_MODEL). */
  readonly model: string;
  readonly dimensions: number;
  /** Why the real-model tests cannot run here; undefined when they run. */
  readonly skipReason: string | undefined;
}

// src/testing and dist/testing are both four levels below the checkout.
const checkout = fileURLToPath(new URL('../../../../', import.meta.url));

/** `../shared` beside the checkout: models and eval data every developer and CI run have. */
export const sharedDirectory = resolve(checkout, '..', 'shared');

/** The contoso benchmark: 6 PDFs (263 pages), a markdown page, 50 questions with sources. */
export const contosoDirectory = join(sharedDirectory, 'eval', 'contoso');

/**
 * The real embedding model for tests, from KNOWHOW_MODEL_DIR and KNOWHOW_EMBEDDING_MODEL (as
 * `.ci/run` sets them), else `../shared/models` beside the checkout. When the variables are
 * set the tests always run (missing weights fail them); when they are unset and the shared
 * folder lacks the weights (a machine with only Node and npm), they are skipped with this reason.
 */
export function findRealModel(
  variables: NodeJS.ProcessEnv = process.env,
  sharedModels = join(sharedDirectory, 'models'),
): RealModel {
  const configured = Boolean(variables.KNOWHOW_MODEL_DIR);
  const directory = resolve(variables.KNOWHOW_MODEL_DIR || sharedModels);
  const model = variables.KNOWHOW_EMBEDDING_MODEL || realModelName;
  const weights = join(directory, model, 'onnx', 'model_quantized.onnx');
  return {
    directory,
    model,
    dimensions: 384,
    skipReason:
      configured || existsSync(weights)
        ? undefined
        : `no real embedding model at ${weights}; set KNOWHOW_MODEL_DIR and KNOWHOW_EMBEDDING_MODEL=${realModelName}`,
  };
}

export const realModel: RealModel = findRealModel();

/** The local embeddings of the real model, as the CLI builds them. */
export function createRealEmbeddings(model: RealModel = realModel): Promise<ConfiguredEmbeddings> {
  return createEmbeddings({
    provider: 'local',
    model: model.model,
    modelDirectory: model.directory,
  });
}

/** Variables that make a spawned `knowhow` embed with the real model, offline. */
export function realModelEnvironment(model: RealModel = realModel): Record<string, string> {
  return {
    KNOWHOW_EMBEDDINGS: 'local',
    KNOWHOW_MODEL_DIR: model.directory,
    KNOWHOW_EMBEDDING_MODEL: model.model,
  };
}
