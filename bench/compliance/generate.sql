-- Compliance benchmark data (docs/performance-compliance.md), written straight into the evidence tables with
-- generate_series: 100 projects x 3 environments (prod verified by staging), 200 revisions per project,
-- 200,000 CI runs (4 checks, 1 review, 1 manifest row each), 500,000 deployments with 2 status events each
-- (1,000,000 deployment events), a daily verified backup of every prod, a drift report every 3 days per environment.
-- Usage: psql -v projects=100 -v revisions=200 -v runs_per_project=2000 -v deploys_per_env=1667 -f generate.sql
\set ON_ERROR_STOP on
\timing on
BEGIN;

INSERT INTO project (project_key, name, migration_tool, repository_url, default_branch, archived, badge_enabled, created_at, updated_at, version)
SELECT 'bench-' || lpad(p::text, 3, '0'), 'Bench ' || p, 'alembic', 'https://git.example.org/bench/' || p, 'main', false, true, now(), now(), 0
FROM generate_series(1, :projects) p;

INSERT INTO environment (project_id, environment_key, name, tier_order, production, version)
SELECT p.id, e.k, e.n, e.o, e.prod, 0
FROM project p CROSS JOIN (VALUES ('dev', 'Development', 1, false), ('staging', 'Staging', 2, false), ('prod', 'Production', 3, true)) e(k, n, o, prod)
WHERE p.project_key LIKE 'bench-%';

UPDATE environment e SET verified_by_id = s.id
FROM environment s, project p
WHERE e.environment_key = 'prod' AND s.environment_key = 'staging' AND s.project_id = e.project_id AND p.id = e.project_id AND p.project_key LIKE 'bench-%';

-- Revisions r0001 <- r0002 <- ... ; every 40th an expand, the next its contract (destructive, lossy); a few without downgrade.
INSERT INTO migration (project_id, revision, description, author, checksum, downgrade, transactional, phase, expand_revision, destructive, first_seen_at, updated_at)
SELECT p.id, 'r' || lpad(r::text, 4, '0'), 'change ' || r, 'dev' || (r % 5), 'sha256:' || md5(p.id || '-' || r),
       CASE WHEN r % 40 = 1 AND r > 1 THEN 'lossy' WHEN r % 53 = 0 THEN 'none' ELSE 'reversible' END,
       r % 29 <> 0,
       CASE WHEN r % 40 = 0 THEN 'expand' WHEN r % 40 = 1 AND r > 1 THEN 'contract' ELSE 'none' END,
       CASE WHEN r % 40 = 1 AND r > 1 THEN 'r' || lpad((r - 1)::text, 4, '0') END,
       r % 40 = 1 AND r > 1, now() - interval '400 days', now() - interval '400 days'
FROM project p CROSS JOIN generate_series(1, :revisions) r WHERE p.project_key LIKE 'bench-%';

INSERT INTO migration_parent (migration_id, position, parent_revision)
SELECT m.id, 0, 'r' || lpad((substr(m.revision, 2)::int - 1)::text, 4, '0')
FROM migration m JOIN project p ON p.id = m.project_id WHERE p.project_key LIKE 'bench-%' AND m.revision <> 'r0001';

INSERT INTO migration_operation (migration_id, position, operation_type, table_name, column_name, "concurrently", destructive)
SELECT m.id, 0, CASE WHEN m.destructive THEN 'drop_column' WHEN NOT m.transactional THEN 'create_index' ELSE 'add_column' END,
       't' || (m.id % 50), 'c' || m.id, NOT m.transactional, m.destructive
FROM migration m JOIN project p ON p.id = m.project_id WHERE p.project_key LIKE 'bench-%';

-- CI run i of a project validates revision ceil(i * revisions / runs); commit = md5('c'||project||'-'||i) (40 hex).
INSERT INTO ci_run (project_id, provider, external_id, attempt, url, commit_sha, branch, pull_request, started_at, finished_at, head_count, body_sha256, received_at)
SELECT p.id, 'github-actions', 'run-' || i, 1, 'https://ci.example.org/' || p.id || '/' || i,
       substr(md5('c' || p.id || '-' || i) || md5('x' || p.id || '-' || i), 1, 40),
       CASE WHEN i % 4 = 0 THEN 'main' ELSE 'feature-' || (i % 7) END, i,
       now() - (:runs_per_project - i) * interval '4 hours', now() - (:runs_per_project - i) * interval '4 hours' + interval '6 minutes',
       1, md5(i::text), now() - (:runs_per_project - i) * interval '4 hours' + interval '7 minutes'
FROM project p CROSS JOIN generate_series(1, :runs_per_project) i WHERE p.project_key LIKE 'bench-%';

INSERT INTO ci_check (ci_run_id, position, name, status)
SELECT r.id, c.pos, c.name, CASE WHEN c.name = 'smoke' AND r.id % 97 = 0 THEN 'skipped' ELSE 'passed' END
FROM ci_run r JOIN project p ON p.id = r.project_id
CROSS JOIN (VALUES (0, 'lint'), (1, 'heads'), (2, 'smoke'), (3, 'drift')) c(pos, name)
WHERE p.project_key LIKE 'bench-%';

INSERT INTO ci_review (ci_run_id, position, reviewer, state, reviewed_at)
SELECT r.id, 0, 'reviewer' || (r.id % 3), 'approved', r.started_at FROM ci_run r JOIN project p ON p.id = r.project_id WHERE p.project_key LIKE 'bench-%';

INSERT INTO ci_run_migration (ci_run_id, migration_id, position, checksum)
SELECT r.id, m.id, 0, m.checksum
FROM ci_run r JOIN project p ON p.id = r.project_id
JOIN migration m ON m.project_id = r.project_id
  AND m.revision = 'r' || lpad(greatest(1, ceil(substr(r.external_id, 5)::int * :revisions::numeric / :runs_per_project))::text, 4, '0')
WHERE p.project_key LIKE 'bench-%';

-- Deployment k of an environment moves it to revision ceil(k * revisions / deploys_per_env), with the commit of the
-- CI run that validated that revision; every 50th fails; staging runs 1 h after dev, prod 1 h after staging.
INSERT INTO deployment (project_id, environment_id, provider, external_id, attempt, url, commit_sha, from_revision, to_revision, status,
                        started_at, finished_at, actor_type, actor_name, token_id, token_restricted, max_lock_ms, received_at, updated_at)
SELECT e.project_id, e.id, 'github-actions', e.environment_key || '-' || k, 1, null,
       substr(md5('c' || e.project_id || '-' || (ceil(k * :revisions::numeric / :deploys_per_env) * (:runs_per_project / :revisions)))
              || md5('x' || e.project_id || '-' || (ceil(k * :revisions::numeric / :deploys_per_env) * (:runs_per_project / :revisions))), 1, 40),
       CASE WHEN k = 1 THEN NULL ELSE 'r' || lpad(ceil((k - 1) * :revisions::numeric / :deploys_per_env)::text, 4, '0') END,
       'r' || lpad(ceil(k * :revisions::numeric / :deploys_per_env)::text, 4, '0'),
       CASE WHEN k % 50 = 0 THEN 'failed' ELSE 'succeeded' END,
       now() - (:deploys_per_env - k) * interval '5 hours' + (e.tier_order - 1) * interval '1 hour' - interval '3 hours',
       now() - (:deploys_per_env - k) * interval '5 hours' + (e.tier_order - 1) * interval '1 hour' - interval '3 hours' + interval '40 seconds',
       'pipeline', 'deploy-' || e.environment_key, 1, true, (k * 37) % 4000,
       now() - (:deploys_per_env - k) * interval '5 hours', now() - (:deploys_per_env - k) * interval '5 hours'
FROM environment e JOIN project p ON p.id = e.project_id CROSS JOIN generate_series(1, :deploys_per_env) k
WHERE p.project_key LIKE 'bench-%';

INSERT INTO deployment_event (deployment_id, status, body_sha256, received_at)
SELECT d.id, s.status, md5(d.id || s.status), d.started_at
FROM deployment d JOIN project p ON p.id = d.project_id
CROSS JOIN LATERAL (VALUES ('started'), (d.status)) s(status)
WHERE p.project_key LIKE 'bench-%';

INSERT INTO backup (project_id, environment_id, backup_ref, taken_at, size_bytes, location, method, verified_at, body_sha256, received_at)
SELECT e.project_id, e.id, 'prod-' || d, now() - d * interval '1 day' - interval '4 hours', 1000000000, 's3://bench/' || e.id || '/' || d, 'pg_dump',
       now() - d * interval '1 day' - interval '3 hours', md5(e.id || '-' || d), now() - d * interval '1 day'
FROM environment e JOIN project p ON p.id = e.project_id CROSS JOIN generate_series(0, 364) d
WHERE p.project_key LIKE 'bench-%' AND e.production;

INSERT INTO drift_report (project_id, environment_id, checked_at, drifted, diff, body_sha256, received_at)
SELECT e.project_id, e.id, now() - d * interval '3 days' - interval '1 hour',
       d = 0 AND e.production AND e.project_id % 10 = 0, CASE WHEN d = 0 AND e.production AND e.project_id % 10 = 0 THEN '+ index ix_bench' END,
       md5(e.id || '-' || d), now() - d * interval '3 days'
FROM environment e JOIN project p ON p.id = e.project_id CROSS JOIN generate_series(0, 120) d
WHERE p.project_key LIKE 'bench-%';

COMMIT;
ANALYZE;
SELECT (SELECT count(*) FROM project WHERE project_key LIKE 'bench-%') AS projects, (SELECT count(*) FROM ci_run) AS ci_runs,
       (SELECT count(*) FROM deployment) AS deployments, (SELECT count(*) FROM deployment_event) AS deployment_events;
