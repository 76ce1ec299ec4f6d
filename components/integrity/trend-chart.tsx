'use client';

// IMPORTANT: the only module that imports recharts. Load it through ./trend-chart-lazy so the
// library stays out of every other route's bundle and out of this page's first load.
import { useEffect, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/lib/i18n/client';
import { formatDate, formatNumber } from '@/lib/i18n/format';
import type { TrendPoint } from '@/lib/integrity/schemas';
import { trendChartMessages } from './messages';

// Orange and blue: told apart with the common colour-vision deficiencies, each ≥ 4.5:1 on white.
const TREND_COLOURS = { opened: '#c2410c', resolved: '#0369a1' } as const;
const TREND_CHART_HEIGHT = 260;

/** Noon UTC, so the calendar day reads the same in the depot's time zone. */
// A calendar day, read at noon UTC and shown in UTC: the same day in every time zone.
const asDay = (day: string) => `${day}T12:00:00Z`;

/** About eight evenly spaced day labels, counted back from today so the latest day is labelled. */
function dayTicks(data: TrendPoint[]): string[] {
  const step = Math.max(1, Math.ceil(data.length / 8));
  return data.filter((_, index) => (data.length - 1 - index) % step === 0).map((point) => point.day);
}

/**
 * IMPORTANT: recharts 3.11 renders its z-index layers as bare `<g>` elements (recharts PR #7805),
 * and Chromium makes each of them a tab stop after the chart: five invisible stops for a keyboard
 * user. Give every layer `tabindex="-1"` (and no outline) until recharts fixes it upstream.
 */
function useUntabbableLayers() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const fix = () => {
      for (const layer of root.querySelectorAll('g[class^="recharts-zIndex-layer"]:not([tabindex])')) {
        layer.setAttribute('tabindex', '-1');
      }
    };
    fix();
    const observer = new MutationObserver(fix);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return ref;
}

/**
 * Alerts opened and resolved per day, as grouped bars. The chart is keyboard-focusable (recharts'
 * accessibility layer: arrow keys move the tooltip); the same numbers are in a table beside it.
 */
export function TrendChart({ data }: { data: TrendPoint[] }) {
  const { locale, dict } = useI18n(trendChartMessages);
  const tick = { fill: '#334155', fontSize: 12 };
  const ref = useUntabbableLayers();
  return (
    <div ref={ref} className="[&_g[tabindex='-1']]:outline-none">
      <BarChart
        responsive
        data={data}
        title={dict.integrity.trendChartTitle}
        style={{ width: '100%', height: TREND_CHART_HEIGHT }}
        margin={{ top: 8, right: 24, bottom: 0, left: 0 }}
        barGap={2}
        barCategoryGap="20%"
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis
          dataKey="day"
          tickFormatter={(day: string) => formatDate(asDay(day), locale, 'UTC')}
          tick={tick}
          tickLine={false}
          axisLine={{ stroke: '#94a3b8' }}
          ticks={dayTicks(data)}
          // Every one of them where they fit; on a phone, recharts drops those that would overlap (today's stays).
          interval="preserveEnd"
          minTickGap={6}
        />
        <YAxis
          allowDecimals={false}
          width={40}
          tick={tick}
          tickLine={false}
          axisLine={false}
          tickFormatter={(value: number) => formatNumber(value, locale)}
        />
        <Tooltip
          cursor={{ fill: '#f1f5f9' }}
          labelFormatter={(day) => formatDate(asDay(String(day)), locale, 'UTC')}
          formatter={(value) => formatNumber(Number(value), locale)}
          separator={locale === 'fr' ? '\u00a0: ' : ': '}
          contentStyle={{ borderRadius: 6, borderColor: '#cbd5e1', fontSize: 13 }}
          labelStyle={{ color: '#0f172a', fontWeight: 600 }}
        />
        <Legend iconType="square" wrapperStyle={{ fontSize: 13, color: '#334155' }} />
        <Bar dataKey="opened" name={dict.integrity.opened} fill={TREND_COLOURS.opened} radius={[2, 2, 0, 0]} />
        <Bar dataKey="resolved" name={dict.integrity.resolved} fill={TREND_COLOURS.resolved} radius={[2, 2, 0, 0]} />
      </BarChart>
    </div>
  );
}
