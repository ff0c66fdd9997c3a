import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { WriteQueue } from '../../src/storage/write-queue.js';

describe('the write queue', () => {
  it('writes nothing while items are added, then one batch when the timer fires', async () => {
    const batches: number[][] = [];
    const queue = new WriteQueue<number>({
      write: async (b) => void batches.push([...b]),
      onError: () => 'retry',
      delayMs: 20,
    });
    queue.push(1);
    queue.push(2);
    expect(batches).toEqual([]);
    await sleep(60);
    expect(batches).toEqual([[1, 2]]);
    expect(queue.pending).toBe(0);
  });

  it('starts on a full batch without waiting for the timer, one write at a time, in order', async () => {
    const batches: number[][] = [];
    let inFlight = 0;
    let most = 0;
    const queue = new WriteQueue<number>({
      write: async (b) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await sleep(5);
        batches.push([...b]);
        inFlight--;
      },
      onError: () => 'retry',
      maxBatch: 3,
      delayMs: 60_000,
    });
    for (let i = 0; i < 7; i++) queue.push(i);
    expect(batches).toEqual([]);
    await sleep(50);
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(most).toBe(1);
  });

  it('keeps a failed batch, in order, and writes it on the next attempt', async () => {
    const written: number[] = [];
    let fail = true;
    const queue = new WriteQueue<number>({
      write: async (b) => {
        if (fail) throw new Error('disk I/O error');
        written.push(...b);
      },
      onError: () => 'retry',
      delayMs: 60_000,
    });
    queue.push(1);
    queue.push(2);
    expect(await queue.flush()).toBe(false);
    expect(queue.pending).toBe(2);
    queue.push(3);
    fail = false;
    expect(await queue.close()).toBe(true);
    expect(written).toEqual([1, 2, 3]);
    queue.push(4);
    expect(queue.pending).toBe(0);
  });

  it('drops a batch when told to, and items beyond maxPending while writes fail, counting them', async () => {
    const written: number[] = [];
    const queue = new WriteQueue<number>({
      write: async (b) => {
        if (b.includes(0)) throw new Error('constraint failed');
        written.push(...b);
      },
      onError: (error) => ((error as Error).message === 'constraint failed' ? 'drop' : 'retry'),
      maxBatch: 2,
      maxPending: 3,
      delayMs: 60_000,
    });
    for (let i = 0; i < 5; i++) queue.push(i);
    expect(queue.pending).toBe(3);
    expect(queue.dropped).toBe(2);
    expect(await queue.close()).toBe(true);
    expect(written).toEqual([2]);
  });
});
