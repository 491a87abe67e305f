export default function ApiTokensPage() {
  return null;
}
