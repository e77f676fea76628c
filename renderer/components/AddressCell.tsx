import { useApp } from '../app-context';

/** A list row's address, as its row header: one click opens the address's page. */
export function AddressCell({ address }: { address: string }) {
  const { go } = useApp();
  return (
    <th scope="row">
      <button type="button" className="link-button mono" onClick={() => go('address', address)}>
        {address}
      </button>
    </th>
  );
}
