// Preloaded (NODE_OPTIONS=--require) into every Node process of the local stack: Azurite, tsx and the API or
// bot under it, Vite, the Agents Playground. Each runs in a process group of its own, so when the launcher is
// killed outright (kill -9, an OOM kill) no signal reaches them and they would keep their ports. Here each process
// watches the one that started it and leaves when that one is gone: the kernel then gives it a new parent.
// Plain CommonJS with no dependencies: it runs before anything else in the process.
"use strict";
const { isMainThread } = require("node:worker_threads");

const KEY = "NARAVARD_PARENT_PID";
const POLL_MS = 500;
const GRACE_MS = 3000;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

function leave() {
  // SIGTERM to ourselves runs the process's own shutdown (Azurite flushes its data); exit anyway if that hangs.
  setTimeout(() => process.exit(1), GRACE_MS).unref();
  process.kill(process.pid, "SIGTERM");
}

const expected = Number(process.env[KEY]);
if (isMainThread && Number.isInteger(expected) && expected > 0) {
  // What this process starts watches this process, not the launcher.
  process.env[KEY] = String(process.pid);
  const parent = process.ppid;
  if (parent !== expected && !alive(expected)) {
    // The launcher died between starting us and now.
    leave();
  } else {
    // Watch whatever started us: the launcher, or a wrapper between (a shell or env exec'ing node keeps the pid).
    const timer = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(timer);
        leave();
      }
    }, POLL_MS);
    timer.unref();
  }
}
