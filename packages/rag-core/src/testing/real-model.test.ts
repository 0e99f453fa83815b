import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { findRealModel, realModelName } from './real-model.js';

describe('findRealModel', () => {
  it('uses KNOWHOW_MODEL_DIR and KNOWHOW_EMBEDDING_MODEL, and never skips when they are set', () => {
    const model = findRealModel(
      { KNOWHOW_MODEL_DIR: '/nowhere/models', KNOWHOW_EMBEDDING_MODEL: 'Acme/model' },
      '/unused',
    );
    expect(model).toMatchObject({ directory: '/nowhere/models', model: 'Acme/model' });
    expect(model.skipReason).toBeUndefined();
  });

  it('falls back to the shared folder and names the missing weights file when it lacks them', () => {
    const model = findRealModel({}, '/nowhere/shared/models');
    expect(model.model).toBe(realModelName);
    expect(model.skipReason).toContain(
      join('/nowhere/shared/models', realModelName, 'onnx', 'model_quantized.onnx'),
    );
  });
});
