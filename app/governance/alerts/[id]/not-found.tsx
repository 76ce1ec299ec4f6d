import { AlertNotFound, alertNotFoundMetadata } from '@/components/alerts/alert-not-found';

export const generateMetadata = alertNotFoundMetadata;

export default function AlertNotFoundPage() {
  return <AlertNotFound />;
}
