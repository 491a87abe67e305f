export default function CustomFieldsPage() {
  return null;
}
