"use client";

import { Plus } from "lucide-react";
import { useCallback, useState } from "react";
import { formatDate, formatDateTime } from "@/components/format/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { NoticeBanner } from "@/components/ui/notice";
import { EmptyRow, Table, TableHead, Td } from "@/components/ui/table";
import type { TApiTokenView } from "@/lib/service-accounts/get-service-account";
import { TOKEN_EXPIRY_WARNING_DAYS } from "@/lib/service-accounts/service-account-vocabulary";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { TIssuedToken } from "../../actions";
import { CreateTokenForm } from "./create-token-form";
import { RevealedToken } from "./revealed-token";
import { TokenChangeDialog, type TTokenChange } from "./token-change-dialog";

const DAY_MS = 86_400_000;

/**
 * The account's tokens and what an administrator can do with them. A token just created or
 * rotated lives only in this component's state, shown once until dismissed.
 */
export function TokensPanel({
  serviceAccountId,
  tokens,
  now,
  canManage,
}: {
  serviceAccountId: string;
  tokens: TApiTokenView[];
  now: Date;
  canManage: boolean;
}) {
  const [revealed, setRevealed] = useState<TIssuedToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [change, setChange] = useState<TTokenChange | null>(null);
  const done = useCallback((message: string, issued: TIssuedToken | null) => {
    setNotice(message);
    setRevealed(issued);
    setCreating(false);
    setChange(null);
  }, []);
  const active = tokens.filter((token) => token.status === "active").length;

  return (
    <>
      {revealed ? <RevealedToken issued={revealed} onDismiss={() => setRevealed(null)} /> : null}
      {/* The revealed token says what was done while it shows; the notice waits until it is hidden. */}
      <NoticeBanner notice={notice && !revealed ? { tone: "success", message: notice } : null} onDismiss={() => setNotice(null)} />
      <Card>
        <CardHeader
          title={`API tokens (${active} active of ${tokens.length})`}
          description="Shown by prefix only: each token was shown once when created and is stored as a SHA-256 hash. Dates in UTC."
          actions={
            canManage ? (
              <Button type="button" onClick={() => setCreating(true)}>
                <Plus className="size-4" aria-hidden /> Create token
              </Button>
            ) : null
          }
        />
        <Table className="text-[13px]">
          <TableHead
            columns={[
              "Name",
              "Prefix",
              "Scopes",
              "Created",
              "Expires",
              "Last used",
              "Status",
              canManage && { label: "Actions", srOnly: true },
            ]}
          />
          <tbody>
            {tokens.length === 0 ? (
              <EmptyRow colSpan={canManage ? 8 : 7}>
                No tokens yet.{canManage ? " Create one to let this account call Custody." : ""}
              </EmptyRow>
            ) : null}
            {tokens.map((token) => (
              <tr key={token.id} className="hover:bg-slate-50">
                <Td className="font-medium whitespace-nowrap text-slate-900">{token.name}</Td>
                <Td className="font-mono text-xs whitespace-nowrap">
                  {token.prefix}…
                  {token.rotatedFromPrefix ? <div className="font-sans text-slate-500">replaces {token.rotatedFromPrefix}…</div> : null}
                </Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {token.scopes.map((scope) => (
                      <Badge key={scope}>{scope}</Badge>
                    ))}
                  </span>
                </Td>
                <Td className="whitespace-nowrap">
                  {formatDate(token.createdAt)}
                  {token.createdBy ? <div className="text-xs text-slate-500">by {token.createdBy.name}</div> : null}
                </Td>
                <Td className="whitespace-nowrap">
                  {token.status === "revoked" ? (
                    <span className="text-slate-500">{formatDate(token.expiresAt)}</span>
                  ) : (
                    <ExpiryText expiresAt={token.expiresAt} now={now} />
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="text-slate-500">never</span>}
                </Td>
                <Td>
                  <TokenStatus token={token} />
                </Td>
                {canManage ? (
                  <Td className="text-right whitespace-nowrap">
                    {token.status !== "revoked" ? (
                      <span className="inline-flex gap-1.5">
                        <Button
                          type="button"
                          variant="secondary"
                          className="px-2 py-0.5 text-xs"
                          onClick={() => setChange({ mode: "rotate", token })}
                          aria-label={`Rotate token ${token.name} (${token.prefix})`}
                        >
                          Rotate
                        </Button>
                        {token.status === "active" ? (
                          <Button
                            type="button"
                            variant="secondary"
                            className="px-2 py-0.5 text-xs text-red-700"
                            onClick={() => setChange({ mode: "revoke", token })}
                            aria-label={`Revoke token ${token.name} (${token.prefix})`}
                          >
                            Revoke
                          </Button>
                        ) : null}
                      </span>
                    ) : null}
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <ModalDialog
        open={creating}
        onClose={() => setCreating(false)}
        title="Create token"
        description="The token is shown once, right after it is created. Custody keeps only its hash."
      >
        {creating ? <CreateTokenForm serviceAccountId={serviceAccountId} onDone={done} onCancel={() => setCreating(false)} /> : null}
      </ModalDialog>
      <TokenChangeDialog change={change} onDone={done} onClose={() => setChange(null)} />
    </>
  );
}

function TokenStatus({ token }: { token: TApiTokenView }) {
  if (token.status === "active") return <Badge tone="success">Active</Badge>;
  if (token.status === "expired") return <Badge tone="danger">Expired</Badge>;
  const rotated = token.revokeReason?.startsWith("rotated:");
  return (
    <div>
      <Badge title={token.revokeReason ?? undefined}>
        {rotated ? "Rotated" : "Revoked"} {formatDate(token.revokedAt)}
      </Badge>
      {token.revokedBy ? <div className="text-xs text-slate-500">by {token.revokedBy.name}</div> : null}
      {token.revokeReason ? (
        <div className="max-w-[16rem] truncate text-xs text-slate-500" title={token.revokeReason}>
          {token.revokeReason}
        </div>
      ) : null}
    </div>
  );
}

/** Red once expired, amber within the warning window: a token that lapses breaks its pipeline. */
function ExpiryText({ expiresAt, now }: { expiresAt: Date; now: Date }) {
  const days = Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
  if (expiresAt <= now) {
    const ago = Math.floor((now.getTime() - expiresAt.getTime()) / DAY_MS);
    return (
      <span className="font-medium text-red-700" title={formatDateTime(expiresAt)}>
        {formatDate(expiresAt)} (expired {ago === 0 ? "today" : `${ago} ${ago === 1 ? "day" : "days"} ago`})
      </span>
    );
  }
  if (days <= TOKEN_EXPIRY_WARNING_DAYS)
    return (
      <span className="font-medium text-amber-700" title={formatDateTime(expiresAt)}>
        {formatDate(expiresAt)} (in {days} {days === 1 ? "day" : "days"})
      </span>
    );
  return <span title={formatDateTime(expiresAt)}>{formatDate(expiresAt)}</span>;
}
