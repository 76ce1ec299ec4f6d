'use client';

import dynamic from 'next/dynamic';
import { Skeleton } from '@/components/ui/skeleton';

/** The trend chart, loaded on its own after the page (recharts is heavy); a skeleton meanwhile. */
export const TrendChartLazy = dynamic(() => import('./trend-chart').then((module) => module.TrendChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[260px] w-full" />,
});
