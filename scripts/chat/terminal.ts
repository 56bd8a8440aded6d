import { clearLine, createInterface, cursorTo } from 'node:readline';

export interface Terminal {
  /** True when a person types at a TTY; false when input is piped (then input lines are echoed). */
  readonly interactive: boolean;
  /** Prints text; while the person is typing, clears the line, prints, and redraws the prompt and their text. */
  write(text: string): void;
  /** Reads the next line; `undefined` at the end of input (Ctrl-D, Ctrl-C, or the end of a pipe). */
  readLine(prompt: string): Promise<string | undefined>;
  close(): void;
}

export function createTerminal(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stdout): Terminal {
  const interactive = Boolean(input.isTTY && output.isTTY);
  const rl = createInterface({ input, output, terminal: interactive });
  rl.on('SIGINT', () => rl.close());
  // Created at once, so that piped lines read before the first prompt are kept.
  const lines = rl[Symbol.asyncIterator]();
  let waiting = false;

  return {
    interactive,
    write(text: string): void {
      if (interactive && waiting) {
        clearLine(output, 0);
        cursorTo(output, 0);
        output.write(text);
        rl.prompt(true);
      } else {
        output.write(text);
      }
    },
    async readLine(prompt: string): Promise<string | undefined> {
      rl.setPrompt(prompt);
      if (interactive) rl.prompt();
      waiting = true;
      const next = await lines.next();
      waiting = false;
      if (next.done) return undefined;
      if (!interactive) output.write(`${prompt}${next.value}\n`);
      return next.value;
    },
    close(): void {
      rl.close();
    },
  };
}
