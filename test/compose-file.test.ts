import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { knowhowEnvironment } from '@knowhow/cli/env';
import { defaultLocalModel } from '@knowhow/rag-core';
import { slackEnvironment } from '@knowhow/slack-bot/env';
import { testDatabaseUrl } from '@knowhow/store-pgvector/testing';
import { teamsEnvironment } from '@knowhow/teams-bot/env';
import pg from 'pg';
import { parse } from 'yaml';

// docker-compose.yml cannot run here (no Docker engine), so what it ships is checked against
// what CI tests: the same Postgres major and pgvector version, and the settings operators rely on.
const compose = readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8');
const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
interface Service {
  build?: { args?: Record<string, string> };
  environment?: Record<string, string>;
  command?: string[];
  volumes?: unknown[];
  env_file?: unknown[];
  profiles?: string[];
  restart?: string;
}
const { services, 'x-knowhow-environment': sharedEnvironment } = parse(compose, {
  merge: true,
}) as { services: Record<string, Service>; 'x-knowhow-environment': Record<string, string> };
const [, pgvectorVersion, postgresMajor] =
  /image: pgvector\/pgvector:(\d+\.\d+\.\d+)-pg(\d+)\n/.exec(compose) ?? [];

describe('docker-compose.yml', () => {
  it('pins the Postgres major and the pgvector version in the image tag', () => {
    expect(postgresMajor).toMatch(/^\d+$/);
    expect(pgvectorVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  (testDatabaseUrl ? it : it.skip)(
    `ships the Postgres and pgvector the tests run on${testDatabaseUrl ? '' : ' (skipped: TEST_DATABASE_URL is not set)'}`,
    async () => {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ major: string; vector: string }>(
          `SELECT current_setting('server_version_num')::int / 10000 AS major,
             (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS vector`,
        );
        expect(rows[0]).toEqual({ major: Number(postgresMajor), vector: pgvectorVersion });
      } finally {
        await client.end();
      }
    },
  );

  it("checks health over TCP, so the image's temporary init server does not count", () => {
    expect(compose).toMatch(/pg_isready -h 127\.0\.0\.1 /);
  });

  it('leaves LOG_LEVEL to each command, so `run … search` output is not mixed with logs', () => {
    expect(compose).toContain('LOG_LEVEL: ${LOG_LEVEL:-}\n');
  });

  it('uses the model baked into the image unless told otherwise', () => {
    expect(compose).toContain('KNOWHOW_MODEL_DIR: ${KNOWHOW_MODEL_DIR:-/app/models}\n');
    expect(dockerfile).toContain('KNOWHOW_MODEL_DIR=/app/models');
  });

  it('bakes the model the configuration names, the default one unless told otherwise', () => {
    expect(dockerfile).toContain(`ARG KNOWHOW_EMBEDDING_MODEL=${defaultLocalModel}\n`);
    for (const name of ['knowhow', 'slack-bot', 'teams-bot']) {
      expect(services[name]?.build?.args).toEqual({
        KNOWHOW_EMBEDDINGS: '${KNOWHOW_EMBEDDINGS:-local}',
        KNOWHOW_EMBEDDING_MODEL: `\${KNOWHOW_EMBEDDING_MODEL:-${defaultLocalModel}}`,
      });
    }
  });

  it("installs every workspace in the image: each one's package.json is copied before npm ci", () => {
    const { workspaces } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { workspaces: string[] };
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf('RUN npm ci'));
    expect(
      workspaces.filter(
        (workspace) => !beforeInstall.includes(`COPY ${workspace}/package.json ${workspace}/\n`),
      ),
    ).toEqual([]);
  });

  it('does not restart a bot forever that exits on a configuration error', () => {
    const bots = compose
      .split(/\n {2}(?=[a-z-]+:\n)/)
      .filter((service) => /^[a-z]+-bot:/.test(service));
    expect(bots).toHaveLength(2);
    for (const bot of bots) expect(bot).toMatch(/restart: on-failure:\d+/);
  });

  it('mounts only folders a fresh clone has (./documents), so its commands run as written', () => {
    const mounted = Object.values(services).flatMap((service) =>
      (service.volumes ?? []).flatMap((volume) =>
        typeof volume === 'string' && volume.startsWith('./') ? [volume.split(':')[0] ?? ''] : [],
      ),
    );
    expect(mounted).toContain('./documents');
    // Tracked through a placeholder file: git keeps no empty folders.
    expect(
      mounted.filter((path) => !existsSync(new URL(`../${path}/.gitkeep`, import.meta.url))),
    ).toEqual([]);
  });

  it('documents every variable it reads from .env in .env.example', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const read = [...compose.matchAll(/\$\{(\w+):-/g)].map((match) => match[1] ?? '');
    expect(
      [...new Set(read)].filter((name) => !new RegExp(`^${name}=`, 'm').test(example)),
    ).toEqual([]);
  });
});

// What the code reads: the keys of the zod schemas the command line parses the environment with.
const read = {
  knowhow: Object.keys(knowhowEnvironment.in.shape),
  slack: Object.keys(slackEnvironment.in.shape),
  teams: Object.keys(teamsEnvironment.in.shape),
};

/** Variables a container is deliberately not given, with the reason. */
const leftOut: Record<string, Record<string, string>> = {
  all: { KNOWHOW_DATA_DIR: 'the image sets /data, a volume' },
  knowhow: { KNOWHOW_CONFIG: 'the sync service mounts knowhow.yaml and names it' },
  'slack-bot': {
    KNOWHOW_CONFIG: 'the sync service syncs the sources',
    // With it, `knowhow slack` would check the Teams settings too, which this container lacks.
    MicrosoftAppId: 'the Teams bot runs in its own container',
    SLACK_PORT: 'the port on the host, mapped to PORT 3000 in the container',
  },
  'teams-bot': {
    KNOWHOW_CONFIG: 'the sync service syncs the sources',
    PORT: 'TEAMS_PORT is set',
    TEAMS_ALLOW_ANONYMOUS: 'anonymous mode listens on 127.0.0.1 only: unreachable in a container',
  },
  sync: { MicrosoftAppId: 'only `teams-app` reads it' },
};

describe('docker-compose.yml and the settings the code reads', () => {
  const readBy: Record<string, string[]> = {
    knowhow: read.knowhow,
    'slack-bot': [...read.knowhow, ...read.slack],
    'teams-bot': [...read.knowhow, ...read.teams],
    sync: read.knowhow,
  };

  it.each(Object.keys(readBy))('passes every variable the %s container reads', (name) => {
    const environment = services[name]?.environment ?? {};
    const skipped = { ...leftOut['all'], ...leftOut[name] };
    expect(
      (readBy[name] ?? []).filter((variable) => !(variable in environment || variable in skipped)),
    ).toEqual([]);
  });

  it("passes Knowhow's own settings to every container in the shared x-knowhow-environment block", () => {
    // Set per container instead: the data folder by the image, the sources file by the sync
    // service, the Teams app id where Teams is used.
    const perContainer = ['KNOWHOW_DATA_DIR', 'KNOWHOW_CONFIG', 'MicrosoftAppId'];
    expect(
      read.knowhow.filter(
        (variable) => !perContainer.includes(variable) && !(variable in sharedEnvironment),
      ),
    ).toEqual([]);
  });

  it('leaves out only variables the code still reads', () => {
    const all = new Set([...read.knowhow, ...read.slack, ...read.teams]);
    expect(
      Object.values(leftOut)
        .flatMap((skipped) => Object.keys(skipped))
        .filter((variable) => !all.has(variable)),
    ).toEqual([]);
  });
});

describe('the sync service of docker-compose.yml', () => {
  const sync = services['sync'];

  it('runs knowhow sync every KNOWHOW_SYNC_INTERVAL, in a profile of its own', () => {
    expect(sync?.command).toEqual(['sync', '--schedule']);
    expect(sync?.profiles).toEqual(['sync']);
    expect(sync?.environment).toMatchObject({
      KNOWHOW_SYNC_INTERVAL: '${KNOWHOW_SYNC_INTERVAL:-}',
    });
    // A missing knowhow.yaml exits 2: retried a few times, not forever.
    expect(sync?.restart).toMatch(/^on-failure:\d+$/);
  });

  it('reads ./knowhow.yaml read-only at the path it gives in KNOWHOW_CONFIG', () => {
    expect(sync?.volumes).toContainEqual({
      type: 'bind',
      source: './knowhow.yaml',
      target: sync?.environment?.['KNOWHOW_CONFIG'],
      read_only: true,
      // Without it Docker would create an empty folder named knowhow.yaml.
      bind: { create_host_path: false },
    });
  });

  const sourcesExample = readFileSync(new URL('../sources.env.example', import.meta.url), 'utf8');

  it("takes the secrets knowhow.yaml names from sources.env only: not the bots' tokens in .env", () => {
    expect(sync?.env_file).toEqual([{ path: 'sources.env', required: false }]);
    // No container reads all of .env: each is given what it reads.
    for (const service of Object.values(services))
      expect(JSON.stringify(service.env_file ?? [])).not.toContain('".env"');
    const assigned = [...sourcesExample.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map(
      (match) => match[1] ?? '',
    );
    const botSettings = [...read.slack, ...read.teams, 'POSTGRES_PASSWORD'];
    expect(assigned.filter((name) => botSettings.includes(name))).toEqual([]);
  });

  it('keeps sources.env out of git and out of the image, as .env', () => {
    for (const ignore of ['../.gitignore', '../.dockerignore'])
      expect(readFileSync(new URL(ignore, import.meta.url), 'utf8')).toMatch(/^sources\.env$/m);
  });

  it("lists the README's source secrets in sources.env.example", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const sources = readme.slice(readme.indexOf('\n## Sources'), readme.indexOf('\n## Set up'));
    const named = [...sources.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((match) => match[1]);
    const example = sourcesExample;
    expect(named.length).toBeGreaterThan(5);
    expect(
      [...new Set(named)].filter(
        (name) => name !== 'NAME' && !new RegExp(`^${name}=$`, 'm').test(example),
      ),
    ).toEqual([]);
  });
});
