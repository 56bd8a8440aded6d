/**
 * Runs `work` with `fetch` replaced by one that records the URL and fails, so a test proves the
 * schema validation never reaches for the network (the machines that build the package have none).
 */
export async function withoutNetwork<T>(work: () => Promise<T>): Promise<{ result: T; fetched: string[] }> {
  const original = globalThis.fetch;
  const fetched: string[] = [];
  globalThis.fetch = async (input: string | URL | Request) => {
    fetched.push(input instanceof Request ? input.url : String(input));
    throw new Error('network is not allowed in this test');
  };
  try {
    return { result: await work(), fetched };
  } finally {
    globalThis.fetch = original;
  }
}
