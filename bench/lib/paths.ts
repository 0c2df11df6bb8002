export { repoRoot } from '../../test/support/repo-root';
