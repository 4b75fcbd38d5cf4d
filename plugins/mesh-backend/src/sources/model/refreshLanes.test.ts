import { MODEL_REFRESH_TASK, refreshLanes } from './refreshLanes';

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
});
