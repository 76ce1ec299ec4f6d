import { getI18n } from '@/lib/i18n/server';

export default async function IntegrityPage() {
  const { dict } = await getI18n();
  return <h1 className="text-2xl font-semibold">{dict.integrity.title}</h1>;
}
