import fs from "node:fs";

/**
 * The processes above us that belong to our job (our process group): for `npm start` in a terminal that is npm
 * and the shell it runs the script in. If any of them is killed outright, the terminal's job is gone from
 * the user's point of view, and what we started should go with it. Linux only (/proc); elsewhere just our parent.
 */
export function jobAncestors(): number[] {
  const ancestors = [process.ppid];
  try {
    const group = statOf(process.pid).group;
    for (let pid = process.ppid; pid > 1; ) {
      const stat = statOf(pid);
      if (stat.group !== group) break;
      if (!ancestors.includes(pid)) ancestors.push(pid);
      pid = stat.parent;
    }
  } catch {
    // no /proc, or an ancestor exited while we looked: the parent alone is watched
  }
  return ancestors;
}

function statOf(pid: number): { parent: number; group: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, pgrp, …
  const [, parent, group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { parent: Number(parent), group: Number(group) };
}

/** True while the process exists (a zombie counts as gone: it has exited, only its exit status is left). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true; // no /proc: kill(0) is all we know
  }
}
