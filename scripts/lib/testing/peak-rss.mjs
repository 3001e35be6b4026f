/**
 * Preloaded with `node --import`: at exit, writes the process's peak resident memory in bytes to the file named by
 * LODE_PEAK_RSS_FILE (the kernel's VmHWM where /proc exists, else process.resourceUsage().maxRSS). Tests and the
 * CLI benchmark measure a child process with it, independently of what the process says about itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.LODE_PEAK_RSS_FILE;

function peakBytes() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

if (target) process.on('exit', () => writeFileSync(target, `${peakBytes()}\n`));
