import {
  MODEL_REFRESH_TASK,
  refreshCycleSeconds,
  refreshLanes,
} from './refreshLanes';

describe('refreshLanes', () => {
  it('refreshes the UI’s default windows every interval, first, and long windows every tenth of them', () => {
    expect(refreshLanes([60, 300, 600, 3600], 30)).toEqual([
      {
        taskId: MODEL_REFRESH_TASK,
        intervalSeconds: 30,
        // The graph's default (10m), then health's (5m).
        windowsSeconds: [600, 300],
      },
      // Other short windows every second interval.
      {
        taskId: `${MODEL_REFRESH_TASK}-60s`,
        intervalSeconds: 60,
        windowsSeconds: [60],
      },
      {
        taskId: `${MODEL_REFRESH_TASK}-360s`,
        intervalSeconds: 360,
        windowsSeconds: [3600],
      },
    ]);
  });

  it('never refreshes a window other than the defaults more often than every second interval', () => {
    expect(refreshLanes([60, 3600, 1800], 600)).toEqual([
      {
        taskId: `${MODEL_REFRESH_TASK}-1200s`,
        intervalSeconds: 1200,
        windowsSeconds: [60, 1800, 3600],
      },
    ]);
    expect(refreshLanes([300, 1800], 30).map(l => l.intervalSeconds)).toEqual([
      30, 180,
    ]);
  });

  it('makes a cycle of whole runs of every lane', () => {
    // Lanes of 120, 240 (1m) and 360 s (1h): a 240 s span holds 0 or 1 run of the 1h lane.
    expect(refreshCycleSeconds([60, 300, 600, 3600], 120)).toBe(720);
    expect(refreshCycleSeconds([60, 300, 600, 3600], 30)).toBe(360);
    expect(refreshCycleSeconds([300, 600], 30)).toBe(30);
    expect(refreshCycleSeconds([60, 3600, 1800], 600)).toBe(1200);
  });
});
