// Every test process runs with the built-in venues registered, as the app always does: the
// registration list (src/engine/venues/index.ts) registers them when it is loaded.
import '../../src/engine/venues';
