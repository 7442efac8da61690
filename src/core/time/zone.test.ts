import { describe, expect, it } from 'vitest';
import { instantToWall, offsetMs, wallToInstant } from './zone';

const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('wallToInstant (the compatible rule)', () => {
  it.each([
    [
      'maps an ordinary New York winter time',
      'America/New_York',
      '2026-01-15T09:00:00',
      '2026-01-15T14:00:00.000Z',
    ],
    [
      'moves a time in the spring-forward gap forward by the gap',
      'America/New_York',
      '2026-03-08T02:30:00',
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'takes the earlier instant of an ambiguous fall-back time',
      'America/New_York',
      '2026-11-01T01:30:00',
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'moves Santiago’s missing midnight to 01:00',
      'America/Santiago',
      '2026-09-06T00:00:00',
      '2026-09-06T04:00:00.000Z',
    ],
    [
      'takes the earlier of Santiago’s two 23:30s',
      'America/Santiago',
      '2026-04-04T23:30:00',
      '2026-04-05T02:30:00.000Z',
    ],
    [
      'handles Lord Howe’s half-hour gap',
      'Australia/Lord_Howe',
      '2026-10-04T02:15:00',
      '2026-10-03T15:45:00.000Z',
    ],
    [
      'handles a 45-minute offset (Eucla)',
      'Australia/Eucla',
      '2026-06-01T09:00:00',
      '2026-06-01T00:15:00.000Z',
    ],
    [
      'handles a half-hour offset (Kolkata)',
      'Asia/Kolkata',
      '2026-06-01T09:00:00',
      '2026-06-01T03:30:00.000Z',
    ],
  ])('%s', (_name, zone, local, expected) => {
    expect(iso(wallToInstant(zone, wall(local)))).toBe(expected);
  });

  it.each([
    ['New York in July is UTC−4', 'America/New_York', '2026-07-01T12:00:00Z', -4 * 3_600_000],
    ['Chatham in January is UTC+13:45', 'Pacific/Chatham', '2026-01-01T12:00:00Z', (13 * 60 + 45) * 60_000],
  ])('%s', (_name, zone, instant, expected) => {
    expect(offsetMs(zone, Date.parse(instant))).toBe(expected);
    expect(instantToWall(zone, Date.parse(instant))).toBe(Date.parse(instant) + expected);
  });
});
