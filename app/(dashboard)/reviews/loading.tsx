export default function ReviewsLoading() {
  return <p className="py-10 text-center text-sm text-slate-500" role="status">Loading access reviews…</p>;
}
