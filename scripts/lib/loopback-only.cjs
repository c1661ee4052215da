// Preloaded (NODE_OPTIONS=--require) into the Agents Playground, which listens on every interface and has no
// option to choose one. Local mode must be reachable from this machine only, so a listen() that names no host
// is bound to 127.0.0.1. A listen() that names a host is left as it is.
"use strict";
const net = require("node:net");

const original = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    if (typeof second !== "string") args.splice(1, 0, "127.0.0.1");
  } else if (first && typeof first === "object" && !("fd" in first) && !("path" in first) && first.host === undefined) {
    args[0] = { ...first, host: "127.0.0.1" };
  }
  return original.apply(this, args);
};
