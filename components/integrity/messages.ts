import { sectionPageMessages } from '@/components/ui/messages';
import { defineMessages } from '@/lib/i18n/messages';

/** The trend chart's title and series names. */
export const trendChartMessages = defineMessages({ integrity: ['trendChartTitle', 'opened', 'resolved'] });

/** What the integrity segment hands the browser: its error boundary and chart. */
export const integrityClientMessages = [sectionPageMessages.integrity, trendChartMessages];
