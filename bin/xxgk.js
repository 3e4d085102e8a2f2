#!/usr/bin/env -S MALLOC_ARENA_MAX=1 node
// MALLOC_ARENA_MAX: glibc gives every thread of a batch (workers, GC helpers) its own malloc arena and keeps
// what they freed; one shared arena holds a 1000-file batch ~30 MB lower at no measurable cost in speed.
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
