<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
  <context>
    <name>AddressForm</name>
    <message>
      <source>en</source>
      <comment>The code of the language of this translation (es, fr, de...): the names of countries and states are shown in that language.</comment>
      <translation>es</translation>
    </message>
    <message>
      <source>&amp;First name</source>
      <translation>No&amp;mbre</translation>
    </message>
    <message>
      <source>&amp;Last name</source>
      <translation>Apellid&amp;os</translation>
    </message>
    <message>
      <source>E-&amp;mail</source>
      <translation>Correo electróni&amp;co</translation>
    </message>
    <message>
      <source>Ph&amp;one</source>
      <translation>&amp;Teléfono</translation>
    </message>
    <message>
      <source>Compan&amp;y</source>
      <translation>Empre&amp;sa</translation>
    </message>
    <message>
      <source>St&amp;reet address</source>
      <translation>Di&amp;rección</translation>
    </message>
    <message>
      <source>Apartment, suite (optional)</source>
      <translation>Piso, puerta (opcional)</translation>
    </message>
    <message>
      <source>Co&amp;untry</source>
      <translation>Pa&amp;ís</translation>
    </message>
    <message>
      <source>&amp;ZIP code</source>
      <translation>Código &amp;postal</translation>
    </message>
    <message>
      <source>PIN code</source>
      <translation>Código PIN</translation>
    </message>
    <message>
      <source>Eircode</source>
      <translation>Eircode</translation>
    </message>
    <message>
      <source>Postal code</source>
      <translation>Código &amp;postal</translation>
    </message>
    <message>
      <source>&amp;State</source>
      <translation>Estado</translation>
    </message>
    <message>
      <source>Prefecture</source>
      <translation>Prefectura</translation>
    </message>
    <message>
      <source>County</source>
      <translation>Condado</translation>
    </message>
    <message>
      <source>Area</source>
      <translation>Área</translation>
    </message>
    <message>
      <source>Department</source>
      <translation>Departamento</translation>
    </message>
    <message>
      <source>District</source>
      <translation>Distrito</translation>
    </message>
    <message>
      <source>Province (do / si)</source>
      <translation>Provincia (do / si)</translation>
    </message>
    <message>
      <source>Emirate</source>
      <translation>Emirato</translation>
    </message>
    <message>
      <source>Island</source>
      <translation>Isla</translation>
    </message>
    <message>
      <source>Region (oblast)</source>
      <translation>Región (óblast)</translation>
    </message>
    <message>
      <source>Parish</source>
      <translation>Parroquia</translation>
    </message>
    <message>
      <source>Pro&amp;vince</source>
      <translation>Pro&amp;vincia</translation>
    </message>
    <message>
      <source>Post to&amp;wn</source>
      <translation>Localidad postal</translation>
    </message>
    <message>
      <source>Su&amp;burb</source>
      <translation>Barrio</translation>
    </message>
    <message>
      <source>City district</source>
      <translation>Distrito municipal</translation>
    </message>
    <message>
      <source>C&amp;ity</source>
      <translation>Ci&amp;udad</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Elija…</translation>
    </message>
    <message>
      <source>Fill this in.</source>
      <translation>Rellene este campo.</translation>
    </message>
    <message>
      <source>Too long (at most 255 characters).</source>
      <translation>Demasiado largo (255 caracteres como máximo).</translation>
    </message>
    <message>
      <source>Not valid in %1 (like %2).</source>
      <translation>No es válido en %1 (por ejemplo, %2).</translation>
    </message>
    <message>
      <source>Not valid in %1.</source>
      <translation>No es válido en %1.</translation>
    </message>
    <message>
      <source>Not in %1.</source>
      <translation>No corresponde a %1.</translation>
    </message>
    <message>
      <source>Choose one from the list.</source>
      <translation>Elija uno de la lista.</translation>
    </message>
    <message>
      <source>Write it with its country code (like %1).</source>
      <translation>Escríbalo con el prefijo del país (por ejemplo, %1).</translation>
    </message>
    <message>
      <source>Not an e-mail address (like name@example.com).</source>
      <translation>No es una dirección de correo (por ejemplo, nombre@ejemplo.com).</translation>
    </message>
    <message>
      <source>2 to 15 digits, optionally a leading + and an extension (x123).</source>
      <translation>De 2 a 15 cifras, con un + delante si hace falta y una extensión (x123).</translation>
    </message>
    <message>
      <source>Choose a country.</source>
      <translation>Elija un país.</translation>
    </message>
  </context>
  <context>
    <name>BusyIndicator</name>
    <message>
      <source>Working</source>
      <translation>Trabajando</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>Trabajando…</translation>
    </message>
  </context>
  <context>
    <name>CardEntry</name>
    <message>
      <source>Card brand: %1</source>
      <translation>Marca de la tarjeta: %1</translation>
    </message>
    <message>
      <source>Card number</source>
      <translation>Número de tarjeta</translation>
    </message>
    <message>
      <source>Card brand</source>
      <translation>Marca de la tarjeta</translation>
    </message>
    <message>
      <source>Name on card</source>
      <translation>Nombre en la tarjeta</translation>
    </message>
    <message>
      <source>Expiry date, month and four-digit year</source>
      <translation>Fecha de caducidad, mes y año de cuatro cifras</translation>
    </message>
    <message>
      <source>MM/YYYY</source>
      <translation>MM/AAAA</translation>
    </message>
    <message>
      <source>Security code (CVV)</source>
      <translation>Código de seguridad (CVV)</translation>
    </message>
    <message>
      <source>Save this card for the customer (ask them first)</source>
      <translation>Guardar esta tarjeta para el cliente (pregúntele antes)</translation>
    </message>
    <message>
      <source>Save this card for the customer</source>
      <translation>Guardar esta tarjeta para el cliente</translation>
    </message>
    <message>
      <source>Card &amp;number</source>
      <translation>&amp;Número de tarjeta</translation>
    </message>
    <message>
      <source>Name on &amp;card</source>
      <translation>Nombre en la &amp;tarjeta</translation>
    </message>
    <message>
      <source>&amp;Expiry (MM/YYYY)</source>
      <translation>&amp;Caducidad (MM/AAAA)</translation>
    </message>
    <message>
      <source>CV&amp;V</source>
      <translation>CV&amp;V</translation>
    </message>
    <message>
      <source>Unknown brand</source>
      <translation>Marca desconocida</translation>
    </message>
    <message numerus="yes">
      <source>%n digits</source>
      <translation>
        <numerusform>%n cifra</numerusform>
        <numerusform>%n cifras</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CustomerPage</name>
    <message>
      <source>Customer and billing address</source>
      <translation>Cliente y dirección de facturación</translation>
    </message>
    <message>
      <source>Sell as a guest, or find the customer by e-mail, name or phone.</source>
      <translation>Venda como invitado o busque al cliente por correo, nombre o teléfono.</translation>
    </message>
    <message>
      <source>&amp;Guest</source>
      <translation>Invita&amp;do</translation>
    </message>
    <message>
      <source>Sell as a guest</source>
      <translation>Vender como invitado</translation>
    </message>
    <message>
      <source>&amp;Existing customer</source>
      <translation>Cliente e&amp;xistente</translation>
    </message>
    <message>
      <source>Existing customer</source>
      <translation>Cliente existente</translation>
    </message>
    <message>
      <source>Fin&amp;d customer:</source>
      <translation>&amp;Buscar cliente:</translation>
    </message>
    <message>
      <source>Find customer by e-mail, name or phone</source>
      <translation>Buscar cliente por correo, nombre o teléfono</translation>
    </message>
    <message>
      <source>E-mail, name or phone</source>
      <translation>Correo, nombre o teléfono</translation>
    </message>
    <message>
      <source>Customers found</source>
      <translation>Clientes encontrados</translation>
    </message>
    <message>
      <source>Saved &amp;address:</source>
      <translation>Dirección &amp;guardada:</translation>
    </message>
    <message>
      <source>The customer's saved addresses</source>
      <translation>Direcciones guardadas del cliente</translation>
    </message>
    <message>
      <source>Billing address</source>
      <translation>Dirección de facturación</translation>
    </message>
    <message>
      <source>Billing address:</source>
      <translation>Dirección de facturación:</translation>
    </message>
    <message>
      <source>No customer matches “%1”.</source>
      <translation>Ningún cliente coincide con «%1».</translation>
    </message>
    <message>
      <source>Looking for the customer…</source>
      <translation>Buscando al cliente…</translation>
    </message>
    <message>
      <source>Type a new address</source>
      <translation>Escribir una dirección nueva</translation>
    </message>
    <message>
      <source>Check the fields marked in red.</source>
      <translation>Revise los campos marcados en rojo.</translation>
    </message>
    <message>
      <source>Saving the customer and address…</source>
      <translation>Guardando el cliente y la dirección…</translation>
    </message>
  </context>
  <context>
    <name>DonePage</name>
    <message>
      <source>Order number</source>
      <translation>Número de pedido</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Estado</translation>
    </message>
    <message>
      <source>Transaction</source>
      <translation>Transacción</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Tarjeta</translation>
    </message>
    <message>
      <source>The receipt was not printed: %1</source>
      <translation>El recibo no se imprimió: %1</translation>
    </message>
    <message>
      <source>The receipt was printed.</source>
      <translation>El recibo se ha impreso.</translation>
    </message>
    <message>
      <source>Printing the receipt…</source>
      <translation>Imprimiendo el recibo…</translation>
    </message>
    <message>
      <source>The receipt could not be read from the store: %1</source>
      <translation>No se pudo leer el recibo en la tienda: %1</translation>
    </message>
    <message>
      <source>Saved to %1</source>
      <translation>Guardado en %1</translation>
    </message>
    <message>
      <source>The receipt could not be saved to %1.</source>
      <translation>No se pudo guardar el recibo en %1.</translation>
    </message>
    <message>
      <source>The receipt could not be saved: %1</source>
      <translation>No se pudo guardar el recibo: %1</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Terminado</translation>
    </message>
    <message>
      <source>The sale is paid.</source>
      <translation>La venta está pagada.</translation>
    </message>
    <message>
      <source>Order number:</source>
      <translation>Número de pedido:</translation>
    </message>
    <message>
      <source>Status:</source>
      <translation>Estado:</translation>
    </message>
    <message>
      <source>Transaction:</source>
      <translation>Transacción:</translation>
    </message>
    <message>
      <source>Card:</source>
      <translation>Tarjeta:</translation>
    </message>
    <message>
      <source>Receipt preview</source>
      <translation>Vista previa del recibo</translation>
    </message>
    <message>
      <source>&amp;Print… (Ctrl+P)</source>
      <translation>&amp;Imprimir… (Ctrl+P)</translation>
    </message>
    <message>
      <source>Save as P&amp;DF… (Ctrl+S)</source>
      <translation>Guardar como P&amp;DF… (Ctrl+S)</translation>
    </message>
    <message>
      <source>&amp;New sale (Ctrl+N)</source>
      <translation>&amp;Nueva venta (Ctrl+N)</translation>
    </message>
    <message>
      <source>Save the receipt as PDF</source>
      <translation>Guardar el recibo como PDF</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>Archivos PDF (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>FulfilmentPage</name>
    <message>
      <source>Shipping needs the customer&apos;s e-mail: go back and enter it on the customer page.</source>
      <translation>Para enviar hace falta el correo electrónico del cliente: vuelva atrás y escríbalo en la página del cliente.</translation>
    </message>
    <message>
      <source>Fulfilment</source>
      <translation>Entrega</translation>
    </message>
    <message>
      <source>Does the customer take the items now, or are they shipped?</source>
      <translation>¿El cliente se lleva los artículos ahora o se envían?</translation>
    </message>
    <message>
      <source>&amp;Customer takes it now</source>
      <translation>El cliente se lo &amp;lleva ahora</translation>
    </message>
    <message>
      <source>S&amp;hip</source>
      <translation>&amp;Enviar</translation>
    </message>
    <message>
      <source>Picked up at %1.</source>
      <translation>Se recoge en %1.</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Artículo</translation>
    </message>
    <message>
      <source>Ship &amp;to:</source>
      <translation>Env&amp;iar a:</translation>
    </message>
    <message>
      <source>What the customer takes now</source>
      <translation>Lo que el cliente se lleva ahora</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>Cantidad</translation>
    </message>
    <message>
      <source>Shipping address</source>
      <translation>Dirección de envío</translation>
    </message>
    <message>
      <source>New shipping address</source>
      <translation>Dirección de envío nueva</translation>
    </message>
    <message>
      <source>Billing address: %1</source>
      <translation>Dirección de facturación: %1</translation>
    </message>
    <message>
      <source>A new address</source>
      <translation>Una dirección nueva</translation>
    </message>
    <message>
      <source>Check the shipping address fields.</source>
      <translation>Revise los campos de la dirección de envío.</translation>
    </message>
    <message>
      <source>Setting up pickup and shipping…</source>
      <translation>Preparando la recogida y el envío…</translation>
    </message>
    <message>
      <source>S&amp;plit: take some now, ship the rest</source>
      <translation>&amp;Dividir: se lleva una parte y se envía el resto</translation>
    </message>
    <message>
      <source>Takes now</source>
      <translation>Se lleva ahora</translation>
    </message>
    <message>
      <source>Shipped</source>
      <translation>Se envía</translation>
    </message>
    <message>
      <source>Takes now: %1</source>
      <translation>Se lleva ahora: %1</translation>
    </message>
    <message>
      <source>How many the customer takes now; the rest is shipped.</source>
      <translation>Cuántas unidades se lleva el cliente ahora; el resto se envía.</translation>
    </message>
  </context>
  <context>
    <name>HeaderBar</name>
    <message>
      <source>Demo store: no real money</source>
      <translation>Tienda de demostración: sin dinero real</translation>
    </message>
    <message>
      <source>Store: %1</source>
      <translation>Tienda: %1</translation>
    </message>
    <message>
      <source>none</source>
      <translation>ninguna</translation>
    </message>
    <message>
      <source>Channel: %1</source>
      <translation>Canal: %1</translation>
    </message>
    <message>
      <source>Terminal: %1</source>
      <translation>Terminal: %1</translation>
    </message>
    <message>
      <source>Online</source>
      <translation>En línea</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Sin conexión</translation>
    </message>
    <message>
      <source>Waiting for the token</source>
      <translation>Esperando el token</translation>
    </message>
  </context>
  <context>
    <name>HelpOverlay</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Atajos de teclado</translation>
    </message>
    <message>
      <source>Press any key to close.</source>
      <translation>Pulse cualquier tecla para cerrar.</translation>
    </message>
  </context>
  <context>
    <name>ItemsPage</name>
    <message>
      <source>The store profile has no pickup address: press Enter to enter the customer&apos;s address.</source>
      <translation>El perfil de la tienda no tiene dirección de recogida: pulse Intro para escribir la dirección del cliente.</translation>
    </message>
    <message>
      <source>List price</source>
      <translation>Precio de lista</translation>
    </message>
    <message>
      <source>The catalogue&apos;s list price. The sale uses the store&apos;s price for this customer, which appears on the line once the item is added.</source>
      <translation>El precio de lista del catálogo. La venta usa el precio de la tienda para este cliente, que aparece en la línea al añadir el artículo.</translation>
    </message>
    <message>
      <source>Purchasing is disabled for this product</source>
      <translation>La compra de este producto está desactivada</translation>
    </message>
    <message>
      <source>Out of stock</source>
      <translation>Agotado</translation>
    </message>
    <message>
      <source>Not for sale</source>
      <translation>No está a la venta</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>Artículos</translation>
    </message>
    <message>
      <source>Scan items, or type a name or SKU and press Enter.</source>
      <translation>Escanee los artículos o escriba un nombre o SKU y pulse Intro.</translation>
    </message>
    <message>
      <source>&amp;Scan or search:</source>
      <translation>E&amp;scanear o buscar:</translation>
    </message>
    <message>
      <source>Scan or search for an item</source>
      <translation>Escanear o buscar un artículo</translation>
    </message>
    <message>
      <source>Barcode, SKU or name</source>
      <translation>Código de barras, SKU o nombre</translation>
    </message>
    <message>
      <source>Search results</source>
      <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nombre</translation>
    </message>
    <message>
      <source>Variant</source>
      <translation>Variante</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Price</source>
      <translation>Precio</translation>
    </message>
    <message>
      <source>Stock</source>
      <translation>Existencias</translation>
    </message>
    <message>
      <source>Items in this sale:</source>
      <translation>Artículos de esta venta:</translation>
    </message>
    <message>
      <source>Items in this sale</source>
      <translation>Artículos de esta venta</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Artículo</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>Cantidad</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>&amp;Remove line (Del)</source>
      <translation>&amp;Quitar línea (Supr)</translation>
    </message>
    <message>
      <source>Remove the selected line</source>
      <translation>Quitar la línea seleccionada</translation>
    </message>
    <message>
      <source>Subtotal:</source>
      <translation>Subtotal:</translation>
    </message>
    <message>
      <source>In stock</source>
      <translation>Disponible</translation>
    </message>
    <message>
      <source>%1 cannot be sold. %2.</source>
      <translation>%1 no se puede vender. %2.</translation>
    </message>
    <message>
      <source>Choose the variant, then press Enter.</source>
      <translation>Elija la variante y pulse Intro.</translation>
    </message>
    <message>
      <source>Clear the search</source>
      <translation>Borrar la búsqueda</translation>
    </message>
    <message>
      <source>Added %1, quantity %2.</source>
      <translation>Añadido %1, cantidad %2.</translation>
    </message>
    <message>
      <source>Adding the item…</source>
      <translation>Añadiendo el artículo…</translation>
    </message>
    <message>
      <source>Quantity of %1</source>
      <translation>Cantidad de %1</translation>
    </message>
    <message>
      <source>Updating the quantity…</source>
      <translation>Actualizando la cantidad…</translation>
    </message>
    <message>
      <source>Removing the line…</source>
      <translation>Quitando la línea…</translation>
    </message>
    <message numerus="yes">
      <source>Pay waits for %n scanned item(s) the store has not added yet.</source>
      <translation>
        <numerusform>El cobro espera a %n artículo escaneado que la tienda aún no ha añadido.</numerusform>
        <numerusform>El cobro espera a %n artículos escaneados que la tienda aún no ha añadido.</numerusform>
      </translation>
    </message>
    <message>
      <source>The store cannot be reached. The scanned items wait here and are added as soon as it answers.</source>
      <translation>No se puede contactar con la tienda. Los artículos escaneados esperan aquí y se añaden en cuanto responda.</translation>
    </message>
    <message>
      <source>Adding the items…</source>
      <translation>Añadiendo los artículos…</translation>
    </message>
    <message>
      <source>Waiting for the store</source>
      <translation>Esperando a la tienda</translation>
    </message>
    <message>
      <source>Not added: %1 is out of stock.</source>
      <translation>No añadido: %1 está agotado.</translation>
    </message>
    <message>
      <source>Not added: no product has the code %1.</source>
      <translation>No añadido: ningún producto tiene el código %1.</translation>
    </message>
    <message>
      <source>Not added: the code %1 names several variants; search for it and choose one.</source>
      <translation>No añadido: el código %1 corresponde a varias variantes; búsquelo y elija una.</translation>
    </message>
    <message>
      <source>Not added: %1 cannot be sold.</source>
      <translation>No añadido: %1 no se puede vender.</translation>
    </message>
    <message>
      <source>Not added: the store refused %1.</source>
      <translation>No añadido: la tienda rechazó %1.</translation>
    </message>
    <message>
      <source>%1 is still on its way to the store; remove it once it is added.</source>
      <translation>%1 aún está de camino a la tienda; quítelo cuando se haya añadido.</translation>
    </message>
  </context>
  <context>
    <name>KeyringProblemBox</name>
    <message>
      <source>The token cannot be kept in the keyring</source>
      <translation>El token no se puede guardar en el llavero</translation>
    </message>
    <message>
      <source>Keep the token for this session only</source>
      <translation>Conservar el token solo durante esta sesión</translation>
    </message>
    <message>
      <source>The token stays in memory until the register closes; it is not saved anywhere.</source>
      <translation>El token se queda en memoria hasta que se cierre la caja; no se guarda en ningún sitio.</translation>
    </message>
    <message>
      <source>Try the keyring again</source>
      <translation>Volver a intentarlo con el llavero</translation>
    </message>
  </context>
  <context>
    <name>OfflineBanner</name>
    <message>
      <source>Retry now</source>
      <translation>Reintentar ahora</translation>
    </message>
    <message>
      <source>Retry connecting to the store</source>
      <translation>Reintentar la conexión con la tienda</translation>
    </message>
    <message>
      <source>Offline: the store cannot be reached. Nothing is lost; the register keeps trying.</source>
      <translation>Sin conexión: no se puede contactar con la tienda. No se pierde nada; la caja sigue intentándolo.</translation>
    </message>
    <message numerus="yes">
      <source>Trying again in %n s.</source>
      <translation>
        <numerusform>Se reintenta en %n s.</numerusform>
        <numerusform>Se reintenta en %n s.</numerusform>
      </translation>
    </message>
    <message>
      <source>Trying again now…</source>
      <translation>Reintentando ahora…</translation>
    </message>
  </context>
  <context>
    <name>PaymentPage</name>
    <message>
      <source>Remove</source>
      <translation>Quitar</translation>
    </message>
    <message>
      <source>Remove the coupon %1</source>
      <translation>Quitar el cupón %1</translation>
    </message>
    <message>
      <source>Removing the coupon…</source>
      <translation>Quitando el cupón…</translation>
    </message>
    <message>
      <source>Review and pay</source>
      <translation>Revisar y cobrar</translation>
    </message>
    <message>
      <source>Check the total with the customer, then charge the card.</source>
      <translation>Confirme el total con el cliente y cobre la tarjeta.</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>Artículos</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Artículo</translation>
    </message>
    <message>
      <source>Qty</source>
      <translation>Cant.</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>C&amp;oupon:</source>
      <translation>Cu&amp;pón:</translation>
    </message>
    <message>
      <source>Coupon code</source>
      <translation>Código de cupón</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Aplicar</translation>
    </message>
    <message>
      <source>Apply the coupon</source>
      <translation>Aplicar el cupón</translation>
    </message>
    <message>
      <source>Ne&amp;w card</source>
      <translation>Tarjeta n&amp;ueva</translation>
    </message>
    <message>
      <source>Pay with a new card</source>
      <translation>Pagar con una tarjeta nueva</translation>
    </message>
    <message>
      <source>Security code</source>
      <translation>Código de seguridad</translation>
    </message>
    <message>
      <source>Security code of the saved card</source>
      <translation>Código de seguridad de la tarjeta guardada</translation>
    </message>
    <message>
      <source>Payment status</source>
      <translation>Estado del pago</translation>
    </message>
    <message>
      <source>Charge the card</source>
      <translation>Cobrar la tarjeta</translation>
    </message>
    <message>
      <source>Preparing the payment…</source>
      <translation>Preparando el pago…</translation>
    </message>
    <message>
      <source>%1 ending %2, expires %3/%4</source>
      <translation>%1 terminada en %2, caduca %3/%4</translation>
    </message>
    <message>
      <source>Saved card: %1</source>
      <translation>Tarjeta guardada: %1</translation>
    </message>
    <message>
      <source>Subtotal</source>
      <translation>Subtotal</translation>
    </message>
    <message>
      <source>Discounts</source>
      <translation>Descuentos</translation>
    </message>
    <message>
      <source>Coupon %1</source>
      <translation>Cupón %1</translation>
    </message>
    <message>
      <source>Shipping</source>
      <translation>Envío</translation>
    </message>
    <message>
      <source>Charge (F9)</source>
      <translation>Cobrar (F9)</translation>
    </message>
    <message>
      <source>Charge %1 (F9)</source>
      <translation>Cobrar %1 (F9)</translation>
    </message>
    <message>
      <source>Applying the coupon…</source>
      <translation>Aplicando el cupón…</translation>
    </message>
    <message>
      <source>Enter the saved card's security code.</source>
      <translation>Escriba el código de seguridad de la tarjeta guardada.</translation>
    </message>
    <message>
      <source>Check the card details marked below.</source>
      <translation>Revise los datos de la tarjeta marcados abajo.</translation>
    </message>
    <message>
      <source>Charging…</source>
      <translation>Cobrando…</translation>
    </message>
    <message>
      <source>Paid.</source>
      <translation>Pagado.</translation>
    </message>
    <message>
      <source>Checking with the store… Do not charge again.</source>
      <translation>Consultando con la tienda… No vuelva a cobrar.</translation>
    </message>
    <message>
      <source>The payment did not go through.</source>
      <translation>El pago no se ha realizado.</translation>
    </message>
    <message>
      <source>Nothing was charged. Try another card or check the details, then press Charge.</source>
      <translation>No se ha cobrado nada. Pruebe otra tarjeta o revise los datos y pulse Cobrar.</translation>
    </message>
    <message>
      <source>Checking with the store… (%1)</source>
      <translation>Consultando con la tienda… (%1)</translation>
    </message>
    <message>
      <source>Checking with the store…</source>
      <translation>Consultando con la tienda…</translation>
    </message>
    <message>
      <source>Looking up the gift certificate…</source>
      <translation>Consultando el certificado de regalo…</translation>
    </message>
    <message>
      <source>Looking up the store credit…</source>
      <translation>Consultando el crédito de tienda…</translation>
    </message>
    <message>
      <source>The store is still working out the total: charge once it shows.</source>
      <translation>La tienda aún está calculando el total: cobre cuando aparezca.</translation>
    </message>
    <message>
      <source>being worked out…</source>
      <translation>calculándose…</translation>
    </message>
  </context>
  <context>
    <name>Receipt</name>
    <message>
      <source>Refund</source>
      <translation>Devolución</translation>
    </message>
    <message>
      <source>Refunded</source>
      <translation>Reembolsado</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Fecha</translation>
    </message>
    <message>
      <source>Terminal</source>
      <translation>Terminal</translation>
    </message>
    <message>
      <source>Subtotal</source>
      <translation>Subtotal</translation>
    </message>
    <message>
      <source>Discounts</source>
      <translation>Descuentos</translation>
    </message>
    <message>
      <source>Shipping</source>
      <translation>Envío</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>Pedido</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Estado</translation>
    </message>
    <message>
      <source>Card</source>
      <translation>Tarjeta</translation>
    </message>
    <message>
      <source>Transaction</source>
      <translation>Transacción</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Thank you!</source>
      <translation>¡Gracias!</translation>
    </message>
    <message>
      <source>Receipt</source>
      <translation>Recibo</translation>
    </message>
  </context>
  <context>
    <name>RegisterWindow</name>
    <message>
      <source>The store is still answering: close the register again in a moment.</source>
      <translation>La tienda todavía está respondiendo: vuelva a cerrar la caja dentro de un momento.</translation>
    </message>
    <message>
      <source>Closing…</source>
      <translation>Cerrando…</translation>
    </message>
    <message>
      <source>The card is being charged: the register can close once the store has answered.</source>
      <translation>Se está cobrando la tarjeta: la caja podrá cerrarse cuando la tienda haya respondido.</translation>
    </message>
    <message>
      <source>Register — %1</source>
      <translation>Caja — %1</translation>
    </message>
    <message>
      <source>Checking this sale with the store…</source>
      <translation>Comprobando esta venta con la tienda…</translation>
    </message>
    <message>
      <source>The new store could not be opened: %1</source>
      <translation>No se ha podido abrir la tienda nueva: %1</translation>
    </message>
    <message>
      <source>Enter the API &amp;token…</source>
      <translation>Introducir el &amp;token de la API…</translation>
    </message>
    <message>
      <source>Enter the API token</source>
      <translation>Introducir el token de la API</translation>
    </message>
    <message>
      <source>Waiting for the store's API token.</source>
      <translation>Esperando el token de la API de la tienda.</translation>
    </message>
  </context>
  <context>
    <name>SalePage</name>
    <message>
      <source>Retry (F5)</source>
      <translation>Reintentar (F5)</translation>
    </message>
    <message>
      <source>Retry</source>
      <translation>Reintentar</translation>
    </message>
    <message>
      <source>Check the fields marked in red.</source>
      <translation>Revise los campos marcados en rojo.</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>Trabajando…</translation>
    </message>
  </context>
  <context>
    <name>SaleView</name>
    <message>
      <source>The store cannot be reached. Check the connection and try again.</source>
      <translation>No se puede contactar con la tienda. Compruebe la conexión y vuelva a intentarlo.</translation>
    </message>
    <message>
      <source>Something went wrong. Try again; if it keeps happening, call a manager.</source>
      <translation>Algo ha fallado. Vuelva a intentarlo; si sigue ocurriendo, avise a un encargado.</translation>
    </message>
  </context>
  <context>
    <name>SaleWizard</name>
    <message>
      <source>&amp;Abandon sale</source>
      <translation>&amp;Abandonar la venta</translation>
    </message>
    <message>
      <source>&amp;Keep selling</source>
      <translation>&amp;Seguir vendiendo</translation>
    </message>
    <message>
      <source>Abandon sale</source>
      <translation>Abandonar la venta</translation>
    </message>
    <message>
      <source>Keep selling</source>
      <translation>Seguir vendiendo</translation>
    </message>
    <message>
      <source>Sale</source>
      <translation>Venta</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>Continuar</translation>
    </message>
    <message>
      <source>Abandon this sale?</source>
      <translation>¿Abandonar esta venta?</translation>
    </message>
    <message>
      <source>The items in this sale will be removed and nothing will be charged.</source>
      <translation>Se quitarán los artículos de esta venta y no se cobrará nada.</translation>
    </message>
  </context>
  <context>
    <name>ShippingPage</name>
    <message>
      <source>Shipping option</source>
      <translation>Opción de envío</translation>
    </message>
    <message>
      <source>Choose how each parcel is shipped.</source>
      <translation>Elija cómo se envía cada paquete.</translation>
    </message>
    <message>
      <source>Total so far:</source>
      <translation>Total hasta ahora:</translation>
    </message>
    <message>
      <source>Shipping to %1</source>
      <translation>Envío a %1</translation>
    </message>
    <message>
      <source>The store offers no shipping to this address.</source>
      <translation>La tienda no ofrece envíos a esta dirección.</translation>
    </message>
    <message>
      <source>Updating the totals…</source>
      <translation>Actualizando los totales…</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <source>Show or hide this help</source>
      <translation>Mostrar u ocultar esta ayuda</translation>
    </message>
    <message>
      <source>Next step when the page is complete; on Items, add what is typed</source>
      <translation>Paso siguiente cuando la página está completa; en Artículos, añade lo escrito</translation>
    </message>
    <message>
      <source>Back one step (asks before abandoning a sale)</source>
      <translation>Volver un paso (pregunta antes de abandonar una venta)</translation>
    </message>
    <message>
      <source>Go to the scan / search box</source>
      <translation>Ir a la casilla de escaneo / búsqueda</translation>
    </message>
    <message>
      <source>From the search box into the results</source>
      <translation>De la casilla de búsqueda a los resultados</translation>
    </message>
    <message>
      <source>Remove the selected line</source>
      <translation>Quitar la línea seleccionada</translation>
    </message>
    <message>
      <source>On a line: type its quantity (Enter or Tab keeps it, Esc does not)</source>
      <translation>En una línea: escriba su cantidad (Intro o Tab la guardan, Esc no)</translation>
    </message>
    <message>
      <source>Charge</source>
      <translation>Cobrar</translation>
    </message>
    <message>
      <source>Print the receipt</source>
      <translation>Imprimir el recibo</translation>
    </message>
    <message>
      <source>Save the receipt as PDF</source>
      <translation>Guardar el recibo como PDF</translation>
    </message>
    <message>
      <source>New sale (after payment)</source>
      <translation>Nueva venta (después del pago)</translation>
    </message>
    <message>
      <source>Scanner</source>
      <translation>Escáner</translation>
    </message>
    <message>
      <source>Scan a barcode on any page where items can be added</source>
      <translation>Escanear un código en cualquier página donde se puedan añadir artículos</translation>
    </message>
    <message>
      <source>Returns: find a past sale, refund or void it</source>
      <translation>Devoluciones: buscar una venta anterior, reembolsarla o anularla</translation>
    </message>
  </context>
  <context>
    <name>StartPage</name>
    <message>
      <source>&amp;More</source>
      <translation>&amp;Más</translation>
    </message>
    <message>
      <source>More actions</source>
      <translation>Más acciones</translation>
    </message>
    <message>
      <source>Add your store…</source>
      <translation>Añadir su tienda…</translation>
    </message>
    <message>
      <source>Set up another BigCommerce store on this register.</source>
      <translation>Configure otra tienda de BigCommerce en esta caja.</translation>
    </message>
    <message>
      <source>Guest</source>
      <translation>Invitado</translation>
    </message>
    <message>
      <source>%1 × %2</source>
      <translation>%1 × %2</translation>
    </message>
    <message>
      <source>%1 more</source>
      <translation>%1 más</translation>
    </message>
    <message>
      <source>%1: %2</source>
      <translation>%1: %2</translation>
    </message>
    <message>
      <source>Scan an item to start the sale, or press F2 to search the catalogue.</source>
      <translation>Escanee un artículo para empezar la venta, o pulse F2 para buscar en el catálogo.</translation>
    </message>
    <message>
      <source>Choose how to start: the demo store or your own.</source>
      <translation>Elija cómo empezar: la tienda de demostración o la suya.</translation>
    </message>
    <message>
      <source>Practise on the demo store in this register: test cards, nothing is charged.</source>
      <translation>Practique con la tienda de demostración en esta caja: tarjetas de prueba, no se cobra nada.</translation>
    </message>
    <message>
      <source>New sale</source>
      <translation>Nueva venta</translation>
    </message>
    <message>
      <source>Demo store: nothing here is real money. Press Enter to start a sale.</source>
      <translation>Tienda de demostración: aquí nada es dinero real. Pulse Intro para empezar una venta.</translation>
    </message>
    <message>
      <source>Press Enter to start a sale.</source>
      <translation>Pulse Intro para empezar una venta.</translation>
    </message>
    <message>
      <source>&amp;Unfinished sales (payment not confirmed first):</source>
      <translation>Ventas sin &amp;terminar (primero las de pago sin confirmar):</translation>
    </message>
    <message>
      <source>Unfinished sales</source>
      <translation>Ventas sin terminar</translation>
    </message>
    <message>
      <source>Resume the selected sale</source>
      <translation>Reanudar la venta seleccionada</translation>
    </message>
    <message>
      <source>Try the &amp;demo store</source>
      <translation>Probar la tienda de &amp;demostración</translation>
    </message>
    <message>
      <source>Try the demo store</source>
      <translation>Probar la tienda de demostración</translation>
    </message>
    <message>
      <source>%1 — payment not confirmed</source>
      <translation>%1 — pago sin confirmar</translation>
    </message>
    <message>
      <source>No store is set up on this register yet. Try the demo store to practise (nothing is real money), or add your store to sell for real.</source>
      <translation>Todavía no hay ninguna tienda configurada en esta caja. Pruebe la tienda de demostración para practicar (nada es dinero real) o añada su tienda para vender de verdad.</translation>
    </message>
    <message>
      <source>&amp;Add your store…</source>
      <translation>&amp;Añadir su tienda…</translation>
    </message>
    <message>
      <source>Add your store</source>
      <translation>Añadir su tienda</translation>
    </message>
    <message>
      <source>Set up a BigCommerce store on this register: its details, its API token (kept in the keyring) and a check that it can sell.</source>
      <translation>Configure una tienda de BigCommerce en esta caja: sus datos, su token de la API (guardado en el llavero) y una comprobación de que puede vender.</translation>
    </message>
      <message>
      <source>Paid: order %1, %2 — open it to print the receipt</source>
      <translation>Pagada: pedido %1, %2 — ábrala para imprimir el recibo</translation>
    </message>
      <message>
      <source>This register's sale journal was damaged. It was kept aside (never deleted) and a new one was started; nothing the store holds is lost. Ask a manager to run 'pos doctor', which lists the unfinished sales the old journal still holds.</source>
      <translation>El diario de ventas de esta caja estaba dañado. Se ha guardado aparte (nunca se borra) y se ha empezado uno nuevo; no se pierde nada de lo que tiene la tienda. Pida a un encargado que ejecute «pos doctor», que muestra las ventas sin terminar que aún guarda el diario antiguo.</translation>
    </message>
  </context>
  <context>
    <name>SaleMessages</name>
    <message>
      <source>payment.10000.title</source>
      <extracomment>The payment service is busy</extracomment>
      <translation>El servicio de pagos está ocupado</translation>
    </message>
    <message>
      <source>payment.10000.text</source>
      <extracomment>Nothing was charged. Wait a moment and press Charge again.</extracomment>
      <translation>No se ha cobrado nada. Espere un momento y pulse Cobrar de nuevo.</translation>
    </message>
    <message>
      <source>payment.10001.title</source>
      <extracomment>The payment details were incomplete</extracomment>
      <translation>Los datos del pago estaban incompletos</translation>
    </message>
    <message>
      <source>payment.10001.text</source>
      <extracomment>Nothing was charged. Check the card details and charge again.</extracomment>
      <translation>No se ha cobrado nada. Compruebe los datos de la tarjeta y cobre de nuevo.</translation>
    </message>
    <message>
      <source>payment.30000.title</source>
      <extracomment>This payment method is not set up for the store</extracomment>
      <translation>Este medio de pago no está configurado en la tienda</translation>
    </message>
    <message>
      <source>payment.30000.text</source>
      <extracomment>Nothing was charged. A manager must check the store's payment settings. Ask the customer for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. Un responsable debe revisar la configuración de pagos de la tienda. Pida al cliente otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>payment.30001.title</source>
      <extracomment>The store's payment set-up is not working</extracomment>
      <translation>La configuración de pagos de la tienda no funciona</translation>
    </message>
    <message>
      <source>payment.30001.text</source>
      <extracomment>Nothing was charged. A manager must check the payment gateway settings. Ask the customer for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. Un responsable debe revisar la configuración de la pasarela de pago. Pida al cliente otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>payment.30002.title</source>
      <extracomment>Saved cards are not available</extracomment>
      <translation>Las tarjetas guardadas no están disponibles</translation>
    </message>
    <message>
      <source>payment.30002.text</source>
      <extracomment>Nothing was charged. Pay with the card itself instead of a saved card, or without saving it.</extracomment>
      <translation>No se ha cobrado nada. Pague con la propia tarjeta en lugar de una tarjeta guardada, o sin guardarla.</translation>
    </message>
    <message>
      <source>payment.30003.title</source>
      <extracomment>The store cannot find this order</extracomment>
      <translation>La tienda no encuentra este pedido</translation>
    </message>
    <message>
      <source>payment.30003.text</source>
      <extracomment>Nothing was charged. Start the checkout again to make a new order.</extracomment>
      <translation>No se ha cobrado nada. Empiece de nuevo el pago para crear un pedido nuevo.</translation>
    </message>
    <message>
      <source>payment.30004.title</source>
      <extracomment>The total has changed</extracomment>
      <translation>El total ha cambiado</translation>
    </message>
    <message>
      <source>payment.30004.text</source>
      <extracomment>Nothing was charged. The order will be rebuilt with the new total; show the customer the new total, then charge again.</extracomment>
      <translation>No se ha cobrado nada. El pedido se rehará con el nuevo total; muestre al cliente el nuevo total y cobre de nuevo.</translation>
    </message>
    <message>
      <source>payment.30050.title</source>
      <extracomment>The card could not be saved</extracomment>
      <translation>No se ha podido guardar la tarjeta</translation>
    </message>
    <message>
      <source>payment.30050.text</source>
      <extracomment>Nothing was charged. Check the expiry date (month and four-digit year) and the card details, or charge without saving the card.</extracomment>
      <translation>No se ha cobrado nada. Compruebe la fecha de caducidad (mes y año de cuatro cifras) y los datos de la tarjeta, o cobre sin guardar la tarjeta.</translation>
    </message>
    <message>
      <source>payment.30051.title</source>
      <extracomment>This saved card is not the customer's</extracomment>
      <translation>Esta tarjeta guardada no es del cliente</translation>
    </message>
    <message>
      <source>payment.30051.text</source>
      <extracomment>Nothing was charged. The saved card does not belong to the customer on this order. Choose one of the customer's own cards or enter a new card.</extracomment>
      <translation>No se ha cobrado nada. La tarjeta guardada no pertenece al cliente de este pedido. Elija una de las tarjetas del propio cliente o introduzca una tarjeta nueva.</translation>
    </message>
    <message>
      <source>payment.30100.title</source>
      <extracomment>The payment could not be started</extracomment>
      <translation>No se ha podido iniciar el pago</translation>
    </message>
    <message>
      <source>payment.30100.text</source>
      <extracomment>Nothing was charged. Try again; if it fails again, start the checkout again.</extracomment>
      <translation>No se ha cobrado nada. Inténtelo de nuevo; si vuelve a fallar, empiece de nuevo el pago.</translation>
    </message>
    <message>
      <source>payment.30101.title</source>
      <extracomment>This order can no longer be paid</extracomment>
      <translation>Este pedido ya no se puede pagar</translation>
    </message>
    <message>
      <source>payment.30101.text</source>
      <extracomment>The order is not waiting for payment. Check the order before doing anything else; if it is not paid, start the checkout again.</extracomment>
      <translation>El pedido no está esperando un pago. Compruebe el pedido antes de hacer nada más; si no está pagado, empiece de nuevo el pago.</translation>
    </message>
    <message>
      <source>payment.30102.title</source>
      <extracomment>The card details could not be verified</extracomment>
      <translation>No se han podido verificar los datos de la tarjeta</translation>
    </message>
    <message>
      <source>payment.30102.text</source>
      <extracomment>Nothing was charged. Check the number, expiry date and security code. Ask the customer for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. Compruebe el número, la fecha de caducidad y el código de seguridad. Pida al cliente otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>payment.30103.title</source>
      <extracomment>The card has expired</extracomment>
      <translation>La tarjeta ha caducado</translation>
    </message>
    <message>
      <source>payment.30103.text</source>
      <extracomment>Nothing was charged. Ask the customer for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. Pida al cliente otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>payment.30104.title</source>
      <extracomment>The card was declined</extracomment>
      <translation>La tarjeta ha sido rechazada</translation>
    </message>
    <message>
      <source>payment.30104.text</source>
      <extracomment>Nothing was charged. The customer should contact their card issuer. Ask the customer for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. El cliente debe ponerse en contacto con el emisor de su tarjeta. Pida al cliente otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>payment.30105.title</source>
      <extracomment>This order is already paid</extracomment>
      <translation>Este pedido ya está pagado</translation>
    </message>
    <message>
      <source>payment.30105.text</source>
      <extracomment>Do not charge again. The payment for this order has already gone through.</extracomment>
      <translation>No cobre de nuevo. El pago de este pedido ya se ha realizado.</translation>
    </message>
    <message>
      <source>payment.30106.title</source>
      <extracomment>Declined: insufficient funds</extracomment>
      <translation>Rechazada: fondos insuficientes</translation>
    </message>
    <message>
      <source>payment.30106.text</source>
      <extracomment>Nothing was charged. Ask the customer for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. Pida al cliente otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>payment.30107.title</source>
      <extracomment>The customer withdrew this payment authorisation</extracomment>
      <translation>El cliente ha retirado la autorización de este pago</translation>
    </message>
    <message>
      <source>payment.30107.text</source>
      <extracomment>Nothing was charged. Ask the customer for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. Pida al cliente otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>kind.declined.title</source>
      <extracomment>The payment was not accepted</extracomment>
      <translation>No se ha aceptado el pago</translation>
    </message>
    <message>
      <source>kind.declined.text</source>
      <extracomment>Nothing was charged. Ask the customer for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. Pida al cliente otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>kind.payment_pending.title</source>
      <extracomment>The payment is being processed</extracomment>
      <translation>Se está procesando el pago</translation>
    </message>
    <message>
      <source>kind.payment_pending.text</source>
      <extracomment>Wait while the payment is confirmed with the store. Do not charge again.</extracomment>
      <translation>Espere mientras se confirma el pago con la tienda. No cobre de nuevo.</translation>
    </message>
    <message>
      <source>kind.outcome_unknown.title</source>
      <extracomment>Checking whether the payment went through</extracomment>
      <translation>Comprobando si el pago se ha realizado</translation>
    </message>
    <message>
      <source>kind.outcome_unknown.text</source>
      <extracomment>The answer from the payment service was lost. Do not charge again until the order has been checked with the store.</extracomment>
      <translation>Se ha perdido la respuesta del servicio de pagos. No cobre de nuevo hasta haber comprobado el pedido con la tienda.</translation>
    </message>
    <message>
      <source>kind.timeout.title</source>
      <extracomment>The store is taking too long to answer</extracomment>
      <translation>La tienda tarda demasiado en responder</translation>
    </message>
    <message>
      <source>kind.timeout.text</source>
      <extracomment>Wait a moment and try again.</extracomment>
      <translation>Espere un momento e inténtelo de nuevo.</translation>
    </message>
    <message>
      <source>kind.connection.title</source>
      <extracomment>Cannot reach the store</extracomment>
      <translation>No se puede conectar con la tienda</translation>
    </message>
    <message>
      <source>kind.connection.text</source>
      <extracomment>Check the network connection, then try again.</extracomment>
      <translation>Compruebe la conexión de red e inténtelo de nuevo.</translation>
    </message>
    <message>
      <source>kind.rate_limited.title</source>
      <extracomment>The store is busy</extracomment>
      <translation>La tienda está ocupada</translation>
    </message>
    <message>
      <source>kind.rate_limited.text</source>
      <extracomment>Too many requests at once. Wait a few seconds and try again.</extracomment>
      <translation>Demasiadas peticiones a la vez. Espere unos segundos e inténtelo de nuevo.</translation>
    </message>
    <message>
      <source>kind.server_error.title</source>
      <extracomment>The store had a problem</extracomment>
      <translation>La tienda ha tenido un problema</translation>
    </message>
    <message>
      <source>kind.server_error.text</source>
      <extracomment>Wait a moment and try again.</extracomment>
      <translation>Espere un momento e inténtelo de nuevo.</translation>
    </message>
    <message>
      <source>kind.unauthorized.title</source>
      <extracomment>The register is not signed in to the store</extracomment>
      <translation>La caja no tiene acceso a la tienda</translation>
    </message>
    <message>
      <source>kind.unauthorized.text</source>
      <extracomment>The store's API token was refused. A manager or IT must check this register's store profile.</extracomment>
      <translation>La tienda ha rechazado el token de la API. Un responsable o el servicio técnico debe revisar el perfil de tienda de esta caja.</translation>
    </message>
    <message>
      <source>kind.forbidden.title</source>
      <extracomment>The register is not allowed to do this</extracomment>
      <translation>La caja no tiene permiso para hacer esto</translation>
    </message>
    <message>
      <source>kind.forbidden.text</source>
      <extracomment>The store's API token lacks a permission. A manager or IT must check the API account's scopes.</extracomment>
      <translation>Al token de la API de la tienda le falta un permiso. Un responsable o el servicio técnico debe revisar los permisos de la cuenta de la API.</translation>
    </message>
    <message>
      <source>kind.not_found.title</source>
      <extracomment>The store no longer has this sale</extracomment>
      <translation>La tienda ya no tiene esta venta</translation>
    </message>
    <message>
      <source>kind.not_found.text</source>
      <extracomment>The cart or order was not found. Start the sale again.</extracomment>
      <translation>No se ha encontrado el carrito o el pedido. Empiece la venta de nuevo.</translation>
    </message>
    <message>
      <source>kind.conflict.title</source>
      <extracomment>The sale changed in the meantime</extracomment>
      <translation>La venta ha cambiado mientras tanto</translation>
    </message>
    <message>
      <source>kind.conflict.text</source>
      <extracomment>The sale was updated elsewhere. Review it and try again.</extracomment>
      <translation>La venta se ha modificado en otro lugar. Revísela e inténtelo de nuevo.</translation>
    </message>
    <message>
      <source>kind.invalid_data.title</source>
      <extracomment>The store did not accept these details</extracomment>
      <translation>La tienda no ha aceptado estos datos</translation>
    </message>
    <message>
      <source>kind.invalid_data.text</source>
      <extracomment>Check the highlighted details and try again.</extracomment>
      <translation>Compruebe los datos marcados e inténtelo de nuevo.</translation>
    </message>
    <message>
      <source>kind.payment_in_flight.title</source>
      <extracomment>A payment is already being sent</extracomment>
      <translation>Ya se está enviando un pago</translation>
    </message>
    <message>
      <source>kind.payment_in_flight.text</source>
      <extracomment>Wait for its answer. A second charge is not sent while one is in progress.</extracomment>
      <translation>Espere su respuesta. No se envía un segundo cobro mientras hay uno en curso.</translation>
    </message>
    <message>
      <source>kind.offline.title</source>
      <extracomment>The register is offline</extracomment>
      <translation>La caja no tiene conexión</translation>
    </message>
    <message>
      <source>kind.offline.text</source>
      <extracomment>Reconnect to the network to continue the sale.</extracomment>
      <translation>Vuelva a conectarse a la red para continuar la venta.</translation>
    </message>
    <message>
      <source>status.0</source>
      <extracomment>Incomplete</extracomment>
      <translation>Incompleto</translation>
    </message>
    <message>
      <source>status.1</source>
      <extracomment>Pending</extracomment>
      <translation>Pendiente</translation>
    </message>
    <message>
      <source>status.2</source>
      <extracomment>Shipped</extracomment>
      <translation>Enviado</translation>
    </message>
    <message>
      <source>status.3</source>
      <extracomment>Partially Shipped</extracomment>
      <translation>Enviado parcialmente</translation>
    </message>
    <message>
      <source>status.4</source>
      <extracomment>Refunded</extracomment>
      <translation>Reembolsado</translation>
    </message>
    <message>
      <source>status.5</source>
      <extracomment>Cancelled</extracomment>
      <translation>Cancelado</translation>
    </message>
    <message>
      <source>status.6</source>
      <extracomment>Declined</extracomment>
      <translation>Rechazado</translation>
    </message>
    <message>
      <source>status.7</source>
      <extracomment>Awaiting Payment</extracomment>
      <translation>Pendiente de pago</translation>
    </message>
    <message>
      <source>status.8</source>
      <extracomment>Awaiting Pickup</extracomment>
      <translation>Pendiente de recogida</translation>
    </message>
    <message>
      <source>status.9</source>
      <extracomment>Awaiting Shipment</extracomment>
      <translation>Pendiente de envío</translation>
    </message>
    <message>
      <source>status.10</source>
      <extracomment>Completed</extracomment>
      <translation>Completado</translation>
    </message>
    <message>
      <source>status.11</source>
      <extracomment>Awaiting Fulfillment</extracomment>
      <translation>Pendiente de preparación</translation>
    </message>
    <message>
      <source>status.12</source>
      <extracomment>Manual Verification Required</extracomment>
      <translation>Requiere verificación manual</translation>
    </message>
    <message>
      <source>status.13</source>
      <extracomment>Disputed</extracomment>
      <translation>En disputa</translation>
    </message>
    <message>
      <source>status.14</source>
      <extracomment>Partially Refunded</extracomment>
      <translation>Reembolsado parcialmente</translation>
    </message>
  </context>
  <context>
    <name>CheckList</name>
    <message>
      <source>Profile</source>
      <translation>Perfil</translation>
    </message>
    <message>
      <source>API token</source>
      <translation>Token de la API</translation>
    </message>
    <message>
      <source>Pickup address</source>
      <translation>Dirección de recogida</translation>
    </message>
    <message>
      <source>Data folder</source>
      <translation>Carpeta de datos</translation>
    </message>
    <message>
      <source>API host</source>
      <translation>Servidor de la API</translation>
    </message>
    <message>
      <source>Payments host</source>
      <translation>Servidor de pagos</translation>
    </message>
    <message>
      <source>Clock</source>
      <translation>Reloj</translation>
    </message>
    <message>
      <source>Token accepted</source>
      <translation>Token aceptado</translation>
    </message>
    <message>
      <source>Token scopes</source>
      <translation>Permisos del token</translation>
    </message>
    <message>
      <source>Store set-up</source>
      <translation>Configuración de la tienda</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>Comprobación</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Estado</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>Resultado</translation>
    </message>
    <message>
      <source>Checks of the store</source>
      <translation>Comprobaciones de la tienda</translation>
    </message>
    <message>
      <source>Waiting</source>
      <translation>En espera</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Comprobando…</translation>
    </message>
    <message>
      <source>Passed</source>
      <translation>Correcto</translation>
    </message>
    <message>
      <source>Passed, with a warning</source>
      <translation>Correcto, con un aviso</translation>
    </message>
    <message>
      <source>Failed</source>
      <translation>Ha fallado</translation>
    </message>
    <message>
      <source>Not checked</source>
      <translation>Sin comprobar</translation>
    </message>
    <message>
      <source>%1
Fix: %2</source>
      <translation>%1
Solución: %2</translation>
    </message>
  </context>
  <context>
    <name>ProfileDialog</name>
    <message>
      <source>Add your store</source>
      <translation>Añadir su tienda</translation>
    </message>
    <message>
      <source>Enter the store's details from its BigCommerce control panel (Settings &gt; API accounts). The API token is kept in this computer's keyring, never in a file.</source>
      <translation>Introduzca los datos de la tienda que aparecen en su panel de control de BigCommerce (Settings &gt; API accounts). El token de la API se guarda en el llavero de este ordenador, nunca en un archivo.</translation>
    </message>
    <message>
      <source>Store &amp;name</source>
      <translation>&amp;Nombre de la tienda</translation>
    </message>
    <message>
      <source>P&amp;rofile name</source>
      <translation>Nombre del pe&amp;rfil</translation>
    </message>
    <message>
      <source>Store &amp;hash</source>
      <translation>&amp;Hash de la tienda</translation>
    </message>
    <message>
      <source>from the API path …/stores/abc123/v3/</source>
      <translation>de la ruta de la API …/stores/abc123/v3/</translation>
    </message>
    <message>
      <source>Chann&amp;el id</source>
      <translation>Id del can&amp;al</translation>
    </message>
    <message>
      <source>&amp;API address</source>
      <translation>Dirección de la &amp;API</translation>
    </message>
    <message>
      <source>Payments a&amp;ddress</source>
      <translation>Dirección de pa&amp;gos</translation>
    </message>
    <message>
      <source>&amp;Currency</source>
      <translation>&amp;Moneda</translation>
    </message>
    <message>
      <source>Lan&amp;guage and formats</source>
      <translation>Id&amp;ioma y formatos</translation>
    </message>
    <message>
      <source>&amp;Terminal name</source>
      <translation>Nombre del &amp;terminal</translation>
    </message>
    <message>
      <source>e.g. Till 1</source>
      <translation>p. ej. Caja 1</translation>
    </message>
    <message>
      <source>Pickup location (the store's own address)</source>
      <translation>Punto de recogida (la dirección de la propia tienda)</translation>
    </message>
    <message>
      <source>Receipt t&amp;op lines</source>
      <translation>Líneas de &amp;cabecera del ticket</translation>
    </message>
    <message>
      <source>Receipt &amp;bottom lines</source>
      <translation>Líneas de &amp;pie del ticket</translation>
    </message>
    <message>
      <source>Printer (optional)</source>
      <translation>Impresora (opcional)</translation>
    </message>
    <message>
      <source>API to&amp;ken</source>
      <translation>To&amp;ken de la API</translation>
    </message>
    <message>
      <source>Check again</source>
      <translation>Volver a comprobar</translation>
    </message>
    <message>
      <source>Save and check</source>
      <translation>Guardar y comprobar</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
    <message>
      <source>One line per line of the receipt</source>
      <translation>Una línea por cada línea del ticket</translation>
    </message>
    <message>
      <source>Enter a name for this profile (letters, digits, '.', '_' or '-').</source>
      <translation>Escriba un nombre para este perfil (letras, cifras, «.», «_» o «-»).</translation>
    </message>
    <message>
      <source>Enter the store hash: the part after /stores/ in the API path.</source>
      <translation>Escriba el hash de la tienda: lo que va después de /stores/ en la ruta de la API.</translation>
    </message>
    <message>
      <source>Enter the store's API token (the access token of its API account).</source>
      <translation>Escriba el token de la API de la tienda (el token de acceso de su cuenta de API).</translation>
    </message>
    <message>
      <source>The profile could not be saved: %1</source>
      <translation>No se ha podido guardar el perfil: %1</translation>
    </message>
    <message>
      <source>Something went wrong: %1</source>
      <translation>Algo ha fallado: %1</translation>
    </message>
    <message>
      <source>Enter the API token of this store.</source>
      <translation>Escriba el token de la API de esta tienda.</translation>
    </message>
    <message>
      <source>Saving the token in the keyring…</source>
      <translation>Guardando el token en el llavero…</translation>
    </message>
    <message>
      <source>A profile with this name already exists on this register: choose another name.</source>
      <translation>Ya existe un perfil con este nombre en esta caja: elija otro nombre.</translation>
    </message>
    <message>
      <source>Saved — type a new token to replace it</source>
      <translation>Guardado: escriba un token nuevo para sustituirlo</translation>
    </message>
    <message>
      <source>The token is kept for this session only: it is not saved, and will be asked for again when the register is next started.</source>
      <translation>El token se conserva solo durante esta sesión: no se guarda y se volverá a pedir la próxima vez que se abra la caja.</translation>
    </message>
    <message>
      <source>Saving the profile…</source>
      <translation>Guardando el perfil…</translation>
    </message>
    <message>
      <source>Checking that this register can sell…</source>
      <translation>Comprobando que esta caja puede vender…</translation>
    </message>
    <message>
      <source>Checking the store…</source>
      <translation>Comprobando la tienda…</translation>
    </message>
    <message>
      <source>Ready to sell. Opening the register…</source>
      <translation>Lista para vender. Abriendo la caja…</translation>
    </message>
    <message>
      <source>Not ready to sell yet: fix what failed (the fix is under each failed check), then press Check again, or change the fields and press Save and check.</source>
      <translation>Todavía no se puede vender: corrija lo que ha fallado (la solución aparece en cada comprobación fallida) y pulse Volver a comprobar, o cambie los campos y pulse Guardar y comprobar.</translation>
    </message>
  </context>
  <context>
    <name>TokenGate</name>
    <message>
      <source>Opening the register…</source>
      <translation>Abriendo la caja…</translation>
    </message>
    <message>
      <source>Reading the store's API token from the keyring…</source>
      <translation>Leyendo el token de la API de la tienda del llavero…</translation>
    </message>
    <message>
      <source>The keyring failed (%1).</source>
      <translation>El llavero ha fallado (%1).</translation>
    </message>
    <message>
      <source>Waiting for the store's API token.</source>
      <translation>Esperando el token de la API de la tienda.</translation>
    </message>
  </context>
  <context>
    <name>TokenPrompt</name>
    <message>
      <source>API to&amp;ken</source>
      <translation>To&amp;ken de la API</translation>
    </message>
    <message>
      <source>API token</source>
      <translation>Token de la API</translation>
    </message>
    <message>
      <source>API token for %1</source>
      <translation>Token de la API de %1</translation>
    </message>
    <message>
      <source>Enter the store's API token (the access token of its API account).</source>
      <translation>Introduzca el token de la API de la tienda (el token de acceso de su cuenta de API).</translation>
    </message>
    <message>
      <source>No API token is saved in this computer's keyring for this store. Enter it below: it is saved in the keyring, never in a file.</source>
      <translation>No hay ningún token de la API de esta tienda guardado en el llavero de este ordenador. Introdúzcalo abajo: se guarda en el llavero, nunca en un archivo.</translation>
    </message>
    <message>
      <source>Reading the token from the keyring…</source>
      <translation>Leyendo el token del llavero…</translation>
    </message>
    <message>
      <source>Save in the keyring</source>
      <translation>Guardar en el llavero</translation>
    </message>
    <message>
      <source>Saving the token in the keyring…</source>
      <translation>Guardando el token en el llavero…</translation>
    </message>
    <message>
      <source>The keyring failed (%1).</source>
      <translation>El llavero ha fallado (%1).</translation>
    </message>
    <message>
      <source>The register needs the API token of %1 before it can sell.</source>
      <translation>La caja necesita el token de la API de %1 para poder vender.</translation>
    </message>
    <message>
      <source>Typed — type again to replace it</source>
      <translation>Introducido: vuelva a escribirlo para sustituirlo</translation>
    </message>
  </context>
  <context>
    <name>ApprovalOverlay</name>
    <message>
      <source>Approval needed</source>
      <translation>Se necesita una aprobación</translation>
    </message>
    <message>
      <source>Who approves</source>
      <translation>Quién aprueba</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Cancelar</translation>
    </message>
    <message>
      <source>%1 needs a manager&apos;s approval to %2.</source>
      <translation>%1 necesita la aprobación de un encargado para %2.</translation>
    </message>
    <message>
      <source>The clerk</source>
      <translation>El dependiente</translation>
    </message>
    <message>
      <source>Nobody on the staff list may approve this.</source>
      <translation>Nadie de la lista de personal puede aprobar esto.</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Comprobando…</translation>
    </message>
  </context>
  <context>
    <name>PinPad</name>
    <message>
      <source>PIN</source>
      <translation>PIN</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>Borrar</translation>
    </message>
    <message>
      <source>Enter</source>
      <translation>Entrar</translation>
    </message>
  </context>
  <context>
    <name>SignInScreen</name>
    <message>
      <source>Sign in</source>
      <translation>Iniciar sesión</translation>
    </message>
    <message>
      <source>Choose your name, type your PIN and press Enter.</source>
      <translation>Elija su nombre, escriba su PIN y pulse Intro.</translation>
    </message>
    <message>
      <source>Your name</source>
      <translation>Su nombre</translation>
    </message>
    <message>
      <source>Locked after a time without use. Sign in to carry on.</source>
      <translation>Bloqueado tras un tiempo sin uso. Inicie sesión para continuar.</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>Comprobando…</translation>
    </message>
  </context>
  <context>
    <name>StaffActions</name>
    <message>
      <source>refund</source>
      <translation>reembolsar</translation>
    </message>
    <message>
      <source>void a sale</source>
      <translation>anular una venta</translation>
    </message>
    <message>
      <source>give a discount above the limit</source>
      <translation>aplicar un descuento por encima del límite</translation>
    </message>
    <message>
      <source>open the cash drawer (no sale)</source>
      <translation>abrir el cajón sin venta</translation>
    </message>
    <message>
      <source>pay cash in or out</source>
      <translation>registrar una entrada o salida de efectivo</translation>
    </message>
    <message>
      <source>abandon a sale whose payment is unknown</source>
      <translation>abandonar una venta cuyo pago se desconoce</translation>
    </message>
    <message>
      <source>close the shift</source>
      <translation>cerrar el turno</translation>
    </message>
    <message>
      <source>edit the store profile</source>
      <translation>editar el perfil de la tienda</translation>
    </message>
  </context>
  <context>
    <name>StaffLabel</name>
    <message>
      <source>Signed out</source>
      <translation>Sin sesión</translation>
    </message>
    <message>
      <source>Clerk: %1 (%2)</source>
      <translation>Dependiente: %1 (%2)</translation>
    </message>
  </context>
  <context>
    <name>StaffMessages</name>
    <message>
      <source>This person may not approve this action.</source>
      <translation>Esta persona no puede aprobar esta acción.</translation>
    </message>
    <message>
      <source>Too many wrong PINs: locked until %1.</source>
      <translation>Demasiados PIN incorrectos: bloqueado hasta las %1.</translation>
    </message>
    <message>
      <source>Wrong name or PIN.</source>
      <translation>Nombre o PIN incorrectos.</translation>
    </message>
    <message>
      <source>Could not check the PIN: %1</source>
      <translation>No se pudo comprobar el PIN: %1</translation>
    </message>
  </context>
  <context>
    <name>DemoStoreStart</name>
    <message>
      <source>The demo store could not be started: %1</source>
      <translation>No se pudo iniciar la tienda de demostración: %1</translation>
    </message>
  </context>
  <context>
    <name>RegisterFittings</name>
    <message>
      <source>The cash drawer did not open: %1</source>
      <translation>El cajón de efectivo no se abrió: %1</translation>
    </message>
    <message>
      <source>The pole display was not updated: %1</source>
      <translation>El visor de cliente no se actualizó: %1</translation>
    </message>
  </context>
  <context>
    <name>CustomerDisplay</name>
    <message>
      <source>Approved</source>
      <translation>Aprobado</translation>
    </message>
    <message>
      <source>Change due: {amount}</source>
      <translation>Cambio: {amount}</translation>
    </message>
    <message>
      <source>Customer display</source>
      <translation>Pantalla del cliente</translation>
    </message>
    <message>
      <source>Subtotal</source>
      <translation>Subtotal</translation>
    </message>
    <message>
      <source>Discounts</source>
      <translation>Descuentos</translation>
    </message>
    <message>
      <source>Shipping</source>
      <translation>Envío</translation>
    </message>
    <message>
      <source>Tax</source>
      <translation>Impuestos</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>Artículos</translation>
    </message>
    <message>
      <source>Thank you!</source>
      <translation>¡Gracias!</translation>
    </message>
    <message>
      <source>Total: {amount}</source>
      <translation>Total: {amount}</translation>
    </message>
    <message>
      <source>Welcome</source>
      <translation>Bienvenido</translation>
    </message>
  </context>
  <context>
    <name>ReceiptPrinter</name>
    <message>
      <source>Receipt</source>
      <translation>Recibo</translation>
    </message>
    <message>
      <source>The system has no printer named {name}. Check the printer&apos;s name (the system&apos;s printer settings list them).</source>
      <translation>El sistema no tiene ninguna impresora llamada {name}. Compruebe el nombre de la impresora (la configuración de impresoras del sistema las enumera).</translation>
    </message>
    <message>
      <source>The system printer {name} cannot be used now.</source>
      <translation>La impresora del sistema {name} no se puede usar ahora.</translation>
    </message>
  </context>
  <context>
    <name>PrinterStatusIndicator</name>
    <message>
      <source>Printing the receipt…</source>
      <translation>Imprimiendo el recibo…</translation>
    </message>
    <message>
      <source>Reprint</source>
      <translation>Reimprimir</translation>
    </message>
    <message>
      <source>The receipt printer cannot be used</source>
      <translation>No se puede usar la impresora de recibos</translation>
    </message>
    <message>
      <source>The receipt printer is off or unplugged</source>
      <translation>La impresora de recibos está apagada o desconectada</translation>
    </message>
    <message>
      <source>The receipt printer is out of paper</source>
      <translation>La impresora de recibos no tiene papel</translation>
    </message>
  </context>
  <context>
    <name>ReturnsDialog</name>
    <message>
      <source>No receipt? Search by e-mail, card last 4, phone, SKU or name</source>
      <translation>¿Sin ticket? Busque por correo, últimos 4 de la tarjeta, teléfono, SKU o nombre</translation>
    </message>
    <message>
      <source>Search past sales</source>
      <translation>Buscar ventas anteriores</translation>
    </message>
    <message>
      <source>S&amp;earch</source>
      <translation>B&amp;uscar venta</translation>
    </message>
    <message>
      <source>Sales found</source>
      <translation>Ventas encontradas</translation>
    </message>
    <message>
      <source>Searching…</source>
      <translation>Buscando…</translation>
    </message>
    <message>
      <source>No sale matches.</source>
      <translation>Ninguna venta coincide.</translation>
    </message>
    <message>
      <source>Return</source>
      <translation>Devolución</translation>
    </message>
    <message>
      <source>Scan the receipt or type the order number</source>
      <translation>Escanee el ticket o escriba el número de pedido</translation>
    </message>
    <message>
      <source>Order number</source>
      <translation>Número de pedido</translation>
    </message>
    <message>
      <source>&amp;Find</source>
      <translation>&amp;Buscar</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>Artículo</translation>
    </message>
    <message>
      <source>Bought</source>
      <translation>Comprado</translation>
    </message>
    <message>
      <source>Refunded</source>
      <translation>Reembolsado</translation>
    </message>
    <message>
      <source>Restock</source>
      <translation>Reponer</translation>
    </message>
    <message>
      <source>Refund the &amp;shipping</source>
      <translation>Reembolsar el &amp;envío</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Motivo</translation>
    </message>
    <message>
      <source>Reason:</source>
      <translation>Motivo:</translation>
    </message>
    <message>
      <source>&amp;Void the sale</source>
      <translation>&amp;Anular la venta</translation>
    </message>
    <message>
      <source>&amp;Quote</source>
      <translation>&amp;Presupuestar</translation>
    </message>
    <message>
      <source>&amp;Refund</source>
      <translation>&amp;Reembolsar</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Cerrar</translation>
    </message>
    <message>
      <source>Type the order number (digits only).</source>
      <translation>Escriba el número de pedido (solo cifras).</translation>
    </message>
    <message>
      <source>Looking up the order…</source>
      <translation>Buscando el pedido…</translation>
    </message>
    <message>
      <source>Order #%1 — %2 — %3 — paid %4, refunded %5</source>
      <translation>Pedido n.º %1 — %2 — %3 — pagado %4, reembolsado %5</translation>
    </message>
    <message>
      <source>Quantity to return</source>
      <translation>Cantidad a devolver</translation>
    </message>
    <message>
      <source>Put back on the shelf</source>
      <translation>Volver a poner en el estante</translation>
    </message>
    <message>
      <source>Refund %1 (tax %2) to %3. Press Refund to confirm.</source>
      <translation>Reembolso de %1 (impuestos %2) a %3. Pulse Reembolsar para confirmar.</translation>
    </message>
    <message>
      <source>The refund changed at the store: check it and confirm again.</source>
      <translation>El reembolso ha cambiado en la tienda: revíselo y confirme de nuevo.</translation>
    </message>
    <message>
      <source>Refunded %1. Order status: %2.</source>
      <translation>Reembolsado %1. Estado del pedido: %2.</translation>
    </message>
    <message>
      <source>The store has not said whether it refunded. Nothing will be sent again: check the order.</source>
      <translation>La tienda no ha dicho si ha reembolsado. No se enviará nada de nuevo: compruebe el pedido.</translation>
    </message>
    <message>
      <source>The store refused the refund: %1</source>
      <translation>La tienda ha rechazado el reembolso: %1</translation>
    </message>
    <message>
      <source>The sale is voided and the order cancelled.</source>
      <translation>La venta está anulada y el pedido cancelado.</translation>
    </message>
    <message>
      <source>The store refused the void: %1</source>
      <translation>La tienda ha rechazado la anulación: %1</translation>
    </message>
    <message>
      <source>Refund receipt</source>
      <translation>Recibo de reembolso</translation>
    </message>
    <message>
      <source>&amp;Print the receipt…</source>
      <translation>&amp;Imprimir el recibo…</translation>
    </message>
    <message>
      <source>Save the receipt as P&amp;DF…</source>
      <translation>Guardar el recibo como P&amp;DF…</translation>
    </message>
    <message>
      <source>Printing the receipt…</source>
      <translation>Imprimiendo el recibo…</translation>
    </message>
    <message>
      <source>The receipt was printed.</source>
      <translation>El recibo se imprimió.</translation>
    </message>
    <message>
      <source>The receipt was not printed: %1</source>
      <translation>El recibo no se imprimió: %1</translation>
    </message>
    <message>
      <source>Save the refund receipt as PDF</source>
      <translation>Guardar el recibo de reembolso como PDF</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
      <source>The receipt could not be saved: %1</source>
      <translation>No se pudo guardar el recibo: %1</translation>
    </message>
    <message>
      <source>The receipt could not be saved to %1.</source>
      <translation>No se pudo guardar el recibo en %1.</translation>
    </message>
    <message>
      <source>Saved to %1</source>
      <translation>Guardado en %1</translation>
    </message>
  </context>
  <context>
    <name>ChangeDueDialog</name>
    <message>
      <source>Change due</source>
      <translation>Cambio</translation>
    </message>
    <message>
      <source>Give the customer their change</source>
      <translation>Entregue el cambio al cliente</translation>
    </message>
    <message>
      <source>Tendered: %1</source>
      <translation>Entregado: %1</translation>
    </message>
  </context>
  <context>
    <name>ShiftCloseDialog</name>
    <message>
      <source>&amp;Counted cash:</source>
      <translation>Efectivo &amp;contado:</translation>
    </message>
    <message>
      <source>Close the shift</source>
      <translation>Cerrar el turno</translation>
    </message>
    <message>
      <source>Count the cash in the drawer and type the total. The register shows what it expected only after the count.</source>
      <translation>Cuente el efectivo del cajón y escriba el total. La caja muestra lo que esperaba solo después del recuento.</translation>
    </message>
    <message>
      <source>Counted cash</source>
      <translation>Efectivo contado</translation>
    </message>
    <message>
      <source>Reading the store&apos;s orders of this shift…</source>
      <translation>Leyendo los pedidos de la tienda de este turno…</translation>
    </message>
    <message>
      <source>The store&apos;s orders could not be read to check the shift against them; the shift stays open. Close it again when the store answers.</source>
      <translation>No se pudieron leer los pedidos de la tienda para cotejar el turno; el turno sigue abierto. Ciérrelo de nuevo cuando la tienda responda.</translation>
    </message>
  </context>
  <context>
    <name>ShiftOpenDialog</name>
    <message>
      <source>Count of %1</source>
      <translation>Cantidad de %1</translation>
    </message>
    <message>
      <source>Open the shift</source>
      <translation>Abrir el turno</translation>
    </message>
    <message>
      <source>Opening &amp;float:</source>
      <translation>&amp;Fondo de caja inicial:</translation>
    </message>
    <message>
      <source>Opening float</source>
      <translation>Fondo de caja inicial</translation>
    </message>
    <message>
      <source>…or count it by denomination:</source>
      <translation>…o cuéntelo por denominación:</translation>
    </message>
  </context>
  <context>
    <name>ShiftReport</name>
    <message>
      <source>Card</source>
      <translation>Tarjeta</translation>
    </message>
    <message>
      <source>Card terminal</source>
      <translation>Terminal de tarjetas</translation>
    </message>
    <message>
      <source>Cash</source>
      <translation>Efectivo</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>Cerrado</translation>
    </message>
    <message>
      <source>Counted cash</source>
      <translation>Efectivo contado</translation>
    </message>
    <message>
      <source>Currency</source>
      <translation>Moneda</translation>
    </message>
    <message>
      <source>Discounts</source>
      <translation>Descuentos</translation>
    </message>
    <message>
      <source>Every order matches the store.</source>
      <translation>Todos los pedidos coinciden con la tienda.</translation>
    </message>
    <message>
      <source>Expected cash</source>
      <translation>Efectivo esperado</translation>
    </message>
    <message>
      <source>Gift certificate</source>
      <translation>Certificado de regalo</translation>
    </message>
    <message>
      <source>No-sale drawer opens</source>
      <translation>Aperturas del cajón sin venta</translation>
    </message>
    <message>
      <source>Opened</source>
      <translation>Abierto</translation>
    </message>
    <message>
      <source>Opening float</source>
      <translation>Fondo de caja inicial</translation>
    </message>
    <message>
      <source>Orders that do not match</source>
      <translation>Pedidos que no coinciden</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>Otro</translation>
    </message>
    <message>
      <source>Paid in</source>
      <translation>Entradas de efectivo</translation>
    </message>
    <message>
      <source>Paid out</source>
      <translation>Salidas de efectivo</translation>
    </message>
    <message>
      <source>Refunds</source>
      <translation>Devoluciones</translation>
    </message>
    <message>
      <source>Register</source>
      <translation>Caja</translation>
    </message>
    <message>
      <source>Sales</source>
      <translation>Ventas</translation>
    </message>
    <message>
      <source>Shift</source>
      <translation>Turno</translation>
    </message>
    <message>
      <source>Split</source>
      <translation>Dividido</translation>
    </message>
    <message>
      <source>Store credit</source>
      <translation>Saldo de la tienda</translation>
    </message>
    <message>
      <source>Stored card</source>
      <translation>Tarjeta guardada</translation>
    </message>
    <message>
      <source>Variance</source>
      <translation>Diferencia</translation>
    </message>
    <message>
      <source>Voids</source>
      <translation>Anulaciones</translation>
    </message>
    <message>
      <source>X report (so far)</source>
      <translation>Informe X (hasta ahora)</translation>
    </message>
    <message>
      <source>Z report</source>
      <translation>Informe Z</translation>
    </message>
    <message>
      <source>at the store, not in this shift</source>
      <translation>en la tienda, no en este turno</translation>
    </message>
    <message>
      <source>in this shift, not at the store</source>
      <translation>en este turno, no en la tienda</translation>
    </message>
  </context>
  <context>
    <name>TenderChoice</name>
    <message>
      <source>&amp;Approval code:</source>
      <translation>Código de &amp;aprobación:</translation>
    </message>
    <message>
      <source>Approval code from the terminal</source>
      <translation>Código de aprobación del terminal</translation>
    </message>
    <message>
      <source>Ca&amp;sh</source>
      <translation>Efectivo (&amp;s)</translation>
    </message>
    <message>
      <source>Car&amp;d</source>
      <translation>Tarjeta (&amp;d)</translation>
    </message>
    <message>
      <source>Card ter&amp;minal</source>
      <translation>Ter&amp;minal de tarjetas</translation>
    </message>
    <message>
      <source>Card's &amp;last 4:</source>
      <translation>Ú&amp;ltimos 4 de la tarjeta:</translation>
    </message>
    <message>
      <source>Cash &amp;tendered:</source>
      <translation>Efec&amp;tivo entregado:</translation>
    </message>
    <message>
      <source>Cash tendered</source>
      <translation>Efectivo entregado</translation>
    </message>
    <message>
      <source>Change due</source>
      <translation>Cambio</translation>
    </message>
    <message>
      <source>Change due: %1</source>
      <translation>Cambio: %1</translation>
    </message>
    <message>
      <source>Change due: —</source>
      <translation>Cambio: —</translation>
    </message>
    <message>
      <source>Charge the card on the terminal first. Never type the card number here.</source>
      <translation>Cobre primero la tarjeta en el terminal. Nunca escriba aquí el número de la tarjeta.</translation>
    </message>
    <message>
      <source>Due in cash: %1</source>
      <translation>A pagar en efectivo: %1</translation>
    </message>
    <message>
      <source>Exact</source>
      <translation>Exacto</translation>
    </message>
    <message>
      <source>Last 4 digits of the card</source>
      <translation>Últimos 4 dígitos de la tarjeta</translation>
    </message>
    <message>
      <source>Paid on the card terminal</source>
      <translation>Pagado en el terminal de tarjetas</translation>
    </message>
    <message>
      <source>Pay by card</source>
      <translation>Pagar con tarjeta</translation>
    </message>
    <message>
      <source>Pay in cash</source>
      <translation>Pagar en efectivo</translation>
    </message>
    <message>
      <source>Tendered %1</source>
      <translation>Entregado %1</translation>
    </message>
    <message>
      <source>Type the card's last 4 digits from the terminal's slip.</source>
      <translation>Escriba los últimos 4 dígitos de la tarjeta que figuran en el comprobante del terminal.</translation>
    </message>
    <message>
      <source>Type the cash handed over (at least the amount due).</source>
      <translation>Escriba el efectivo entregado (al menos el importe a pagar).</translation>
    </message>
    <message>
      <source>Type the terminal's approval code.</source>
      <translation>Escriba el código de aprobación del terminal.</translation>
    </message>
      <message>
      <source>Quick cash amount</source>
      <translation>Importe rápido en efectivo</translation>
    </message>
    <message>
      <source>%1 is %2, less than the %3 due. Nothing was charged; choose another way to pay.</source>
      <translation>%1: %2, menos que los %3 a pagar. No se cobró nada; elija otra forma de pago.</translation>
    </message>
    <message>
      <source>&amp;Gift certificate</source>
      <translation>Certificado de re&amp;galo</translation>
    </message>
    <message>
      <source>Balance: %1</source>
      <translation>Saldo: %1</translation>
    </message>
    <message>
      <source>Certificate &amp;code:</source>
      <translation>&amp;Código del certificado:</translation>
    </message>
    <message>
      <source>Check the &amp;balance</source>
      <translation>Consultar el &amp;saldo</translation>
    </message>
    <message>
      <source>Check the gift certificate&apos;s balance</source>
      <translation>Consultar el saldo del certificado de regalo</translation>
    </message>
    <message>
      <source>Check the gift certificate&apos;s balance first.</source>
      <translation>Consulte primero el saldo del certificado de regalo.</translation>
    </message>
    <message>
      <source>Gift certificate code</source>
      <translation>Código del certificado de regalo</translation>
    </message>
    <message>
      <source>Looking up the balance…</source>
      <translation>Consultando el saldo…</translation>
    </message>
    <message>
      <source>Looking up the store credit…</source>
      <translation>Consultando el crédito de tienda…</translation>
    </message>
    <message>
      <source>Pay with a gift certificate</source>
      <translation>Pagar con un certificado de regalo</translation>
    </message>
    <message>
      <source>Pay with the customer&apos;s store credit</source>
      <translation>Pagar con el crédito de tienda del cliente</translation>
    </message>
    <message>
      <source>Store c&amp;redit</source>
      <translation>C&amp;rédito de tienda</translation>
    </message>
    <message>
      <source>The customer&apos;s store credit</source>
      <translation>El crédito de tienda del cliente</translation>
    </message>
    <message>
      <source>The customer&apos;s store credit is not known yet.</source>
      <translation>Aún no se conoce el crédito de tienda del cliente.</translation>
    </message>
    <message>
      <source>The gift certificate&apos;s balance</source>
      <translation>El saldo del certificado de regalo</translation>
    </message>
    <message>
      <source>The store did not say how much store credit the customer has.</source>
      <translation>La tienda no indicó cuánto crédito de tienda tiene el cliente.</translation>
    </message>
    <message>
      <source>The store has no gift certificate with this code.</source>
      <translation>La tienda no tiene ningún certificado de regalo con este código.</translation>
    </message>
    <message>
      <source>Type the gift certificate&apos;s code.</source>
      <translation>Escriba el código del certificado de regalo.</translation>
    </message>
    <message>
      <source>less than the %1 due: choose another way to pay.</source>
      <translation>menos que los %1 a pagar: elija otra forma de pago.</translation>
    </message>
  </context>
  <context>
    <name>ZReportView</name>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Save as &amp;PDF…</source>
      <translation>Guardar como &amp;PDF…</translation>
    </message>
    <message>
      <source>Save the report</source>
      <translation>Guardar el informe</translation>
    </message>
    <message>
      <source>Shift report</source>
      <translation>Informe del turno</translation>
    </message>
  </context>
  <context>
    <name>StoreWords</name>
    <message>
      <source>doctor.add_product</source>
      <extracomment>add at least one product to the store</extracomment>
      <translation>añada al menos un producto a la tienda</translation>
    </message>
    <message>
      <source>doctor.and_more</source>
      <extracomment>{first}; {more}</extracomment>
      <translation>{first}; {more}</translation>
    </message>
    <message>
      <source>doctor.answers</source>
      <extracomment>{host} answers over {scheme} in {ms} ms</extracomment>
      <translation>{host} responde por {scheme} en {ms} ms</translation>
    </message>
    <message>
      <source>doctor.api_host_unreachable</source>
      <extracomment>the API host cannot be reached</extracomment>
      <translation>no se puede contactar con el servidor de la API</translation>
    </message>
    <message>
      <source>doctor.ca_unreadable</source>
      <extracomment>the CA bundle {path} cannot be read ({problem})</extracomment>
      <translation>no se puede leer el certificado de CA {path} ({problem})</translation>
    </message>
    <message>
      <source>doctor.cannot_connect</source>
      <extracomment>cannot connect to {host}:{port} ({problem})</extracomment>
      <translation>no se puede conectar con {host}:{port} ({problem})</translation>
    </message>
    <message>
      <source>doctor.cannot_write</source>
      <extracomment>cannot write: {reason}</extracomment>
      <translation>no se puede escribir: {reason}</translation>
    </message>
    <message>
      <source>doctor.cannot_write_fix</source>
      <extracomment>make the folder writable by this user, or set POS_DATA_DIR</extracomment>
      <translation>dé permiso de escritura en la carpeta a este usuario, o defina POS_DATA_DIR</translation>
    </message>
    <message>
      <source>doctor.check_catalogue</source>
      <extracomment>check the catalogue</extracomment>
      <translation>compruebe el catálogo</translation>
    </message>
    <message>
      <source>doctor.check_channel</source>
      <extracomment>check channel_id in the profile (1 is the store's default)</extracomment>
      <translation>compruebe channel_id en el perfil (1 es el predeterminado de la tienda)</translation>
    </message>
    <message>
      <source>doctor.check_dns</source>
      <extracomment>check the network and DNS, or the URL in the profile</extracomment>
      <translation>compruebe la red y el DNS, o la URL del perfil</translation>
    </message>
    <message>
      <source>doctor.check_hash</source>
      <extracomment>check the store hash and API URL in the profile</extracomment>
      <translation>compruebe el hash de la tienda y la URL de la API en el perfil</translation>
    </message>
    <message>
      <source>doctor.check_network</source>
      <extracomment>check the network, firewall or proxy</extracomment>
      <translation>compruebe la red, el cortafuegos o el proxy</translation>
    </message>
    <message>
      <source>doctor.check_settings</source>
      <extracomment>check the store's shipping and payment settings</extracomment>
      <translation>revise la configuración de envíos y pagos de la tienda</translation>
    </message>
    <message>
      <source>doctor.clock_local_ok</source>
      <extracomment>local date looks right (no server time to compare)</extracomment>
      <translation>la fecha local parece correcta (no hay hora del servidor para comparar)</translation>
    </message>
    <message>
      <source>doctor.clock_ok</source>
      <extracomment>within {seconds} s of the store's</extracomment>
      <translation>a menos de {seconds} s del reloj de la tienda</translation>
    </message>
    <message>
      <source>doctor.clock_says</source>
      <extracomment>the clock says {date}</extracomment>
      <translation>el reloj marca {date}</translation>
    </message>
    <message>
      <source>doctor.clock_skew</source>
      <extracomment>the clock is {seconds} s away from the store's</extracomment>
      <translation>el reloj difiere {seconds} s del de la tienda</translation>
    </message>
    <message>
      <source>doctor.could_not_check</source>
      <extracomment>could not check: {problems}</extracomment>
      <translation>no se ha podido comprobar: {problems}</translation>
    </message>
    <message>
      <source>doctor.describe</source>
      <extracomment>{title} ({store}, channel {channel}) from {where}</extracomment>
      <translation>{title} ({store}, canal {channel}), perfil {where}</translation>
    </message>
    <message>
      <source>doctor.fix_ca</source>
      <extracomment>fix ca_bundle in the profile</extracomment>
      <translation>corrija ca_bundle en el perfil</translation>
    </message>
    <message>
      <source>doctor.fix_url</source>
      <extracomment>fix the URL in the profile ('pos profile edit NAME')</extracomment>
      <translation>corrija la URL en el perfil ('pos profile edit NAME')</translation>
    </message>
    <message>
      <source>doctor.folder_fix</source>
      <extracomment>make the profile folder readable by this user (an administrator may need to fix its permissions), then run 'pos profile list'</extracomment>
      <translation>dé permiso de lectura en la carpeta de perfiles a este usuario (puede que un administrador deba corregir sus permisos) y luego ejecute 'pos profile list'</translation>
    </message>
    <message>
      <source>doctor.grant_scope</source>
      <extracomment>edit the store's API account (Settings &gt; API accounts) to grant this scope, then save the new token with 'pos profile set-token {name}'</extracomment>
      <translation>edite la cuenta de API de la tienda (Settings &gt; API accounts) para conceder este permiso y luego guarde el nuevo token con 'pos profile set-token {name}'</translation>
    </message>
    <message>
      <source>doctor.grant_scopes</source>
      <extracomment>edit the store's API account (Settings &gt; API accounts) to grant these scopes, then save the new token with 'pos profile set-token {name}'</extracomment>
      <translation>edite la cuenta de API de la tienda (Settings &gt; API accounts) para conceder estos permisos y luego guarde el nuevo token con 'pos profile set-token {name}'</translation>
    </message>
    <message>
      <source>doctor.grant_scopes_modify</source>
      <extracomment>edit the store's API account (Settings &gt; API accounts) to grant these scopes (set to 'modify', not 'read-only': {scopes}), then save the new token with 'pos profile set-token {name}'</extracomment>
      <translation>edite la cuenta de API de la tienda (Settings &gt; API accounts) para conceder estos permisos (en 'modify', no 'read-only': {scopes}) y luego guarde el nuevo token con 'pos profile set-token {name}'</translation>
    </message>
    <message>
      <source>doctor.missing_fields</source>
      <extracomment>missing {fields}</extracomment>
      <translation>faltan {fields}</translation>
    </message>
    <message>
      <source>doctor.missing_scopes</source>
      <extracomment>missing: {scopes}</extracomment>
      <translation>faltan: {scopes}</translation>
    </message>
    <message>
      <source>doctor.no_answer</source>
      <extracomment>{host} did not answer ({problem})</extracomment>
      <translation>{host} no ha respondido ({problem})</translation>
    </message>
    <message>
      <source>doctor.no_cards</source>
      <extracomment>no card payment method is enabled</extracomment>
      <translation>no hay ninguna forma de pago con tarjeta activada</translation>
    </message>
    <message>
      <source>doctor.no_cards_fix</source>
      <extracomment>enable a card gateway that supports the Payments API (Settings &gt; Payments)</extracomment>
      <translation>active una pasarela de tarjetas compatible con la Payments API (Settings &gt; Payments)</translation>
    </message>
    <message>
      <source>doctor.no_cart</source>
      <extracomment>no cart could be created</extracomment>
      <translation>no se ha podido crear ningún carrito</translation>
    </message>
    <message>
      <source>doctor.no_cart_on</source>
      <extracomment>cannot create a cart on channel {channel}: {problem}</extracomment>
      <translation>no se puede crear un carrito en el canal {channel}: {problem}</translation>
    </message>
    <message>
      <source>doctor.no_channel</source>
      <extracomment>channel {channel} does not exist in this store</extracomment>
      <translation>el canal {channel} no existe en esta tienda</translation>
    </message>
    <message>
      <source>doctor.no_physical</source>
      <extracomment>the catalogue has no physical product to test a sale with</extracomment>
      <translation>el catálogo no tiene ningún producto físico con el que probar una venta</translation>
    </message>
    <message>
      <source>doctor.no_physical_item</source>
      <extracomment>the test cart has no physical item</extracomment>
      <translation>el carrito de prueba no tiene ningún artículo físico</translation>
    </message>
    <message>
      <source>doctor.no_pickup</source>
      <extracomment>no pickup-in-store shipping option for the pickup address</extracomment>
      <translation>no hay opción de recogida en tienda para la dirección de recogida</translation>
    </message>
    <message>
      <source>doctor.no_pickup_fix</source>
      <extracomment>enable 'Pickup in store' in a shipping zone that covers the pickup address (Settings &gt; Shipping)</extracomment>
      <translation>active 'Pickup in store' en una zona de envío que incluya la dirección de recogida (Settings &gt; Shipping)</translation>
    </message>
    <message>
      <source>doctor.no_resolve</source>
      <extracomment>{host} does not resolve ({problem})</extracomment>
      <translation>no se puede resolver {host} ({problem})</translation>
    </message>
    <message>
      <source>doctor.no_token</source>
      <extracomment>no API token</extracomment>
      <translation>no hay token de la API</translation>
    </message>
    <message>
      <source>doctor.no_token_saved</source>
      <extracomment>no token saved for this store</extracomment>
      <translation>no hay ningún token guardado para esta tienda</translation>
    </message>
    <message>
      <source>doctor.no_token_saved_fix</source>
      <extracomment>save one: pos profile set-token {name}  (or set POS_TOKEN)</extracomment>
      <translation>guarde uno: pos profile set-token {name}  (o defina POS_TOKEN)</translation>
    </message>
    <message>
      <source>doctor.not_checked</source>
      <extracomment>not checked: {because}</extracomment>
      <translation>sin comprobar: {because}</translation>
    </message>
    <message>
      <source>doctor.other_channel</source>
      <extracomment>the store put the cart on channel {found}, not {wanted}</extracomment>
      <translation>la tienda ha puesto el carrito en el canal {found}, no en el {wanted}</translation>
    </message>
    <message>
      <source>doctor.purpose.carts</source>
      <extracomment>create carts</extracomment>
      <translation>crear carritos</translation>
    </message>
    <message>
      <source>doctor.purpose.catalog</source>
      <extracomment>read the catalogue</extracomment>
      <translation>leer el catálogo</translation>
    </message>
    <message>
      <source>doctor.purpose.checkouts</source>
      <extracomment>run checkouts</extracomment>
      <translation>hacer compras</translation>
    </message>
    <message>
      <source>doctor.purpose.customers</source>
      <extracomment>find and create customers</extracomment>
      <translation>buscar y crear clientes</translation>
    </message>
    <message>
      <source>doctor.purpose.orders</source>
      <extracomment>create and read orders</extracomment>
      <translation>crear y leer pedidos</translation>
    </message>
    <message>
      <source>doctor.purpose.payment_methods</source>
      <extracomment>list payment methods</extracomment>
      <translation>listar las formas de pago</translation>
    </message>
    <message>
      <source>doctor.purpose.payment_tokens</source>
      <extracomment>create payment access tokens</extracomment>
      <translation>crear tokens de acceso de pago</translation>
    </message>
    <message>
      <source>doctor.refused_401</source>
      <extracomment>the store refused the token (HTTP 401)</extracomment>
      <translation>la tienda ha rechazado el token (HTTP 401)</translation>
    </message>
    <message>
      <source>doctor.refused_401_fix</source>
      <extracomment>create an API account in the store's control panel and save its access token: pos profile set-token {name}</extracomment>
      <translation>cree una cuenta de API en el panel de control de la tienda y guarde su token de acceso: pos profile set-token {name}</translation>
    </message>
    <message>
      <source>doctor.refused_403</source>
      <extracomment>the store refused the token (HTTP 403): missing {scope}</extracomment>
      <translation>la tienda ha rechazado el token (HTTP 403): falta {scope}</translation>
    </message>
    <message>
      <source>doctor.run_again</source>
      <extracomment>run 'pos doctor' again; if it persists, check the store's status</extracomment>
      <translation>ejecute 'pos doctor' de nuevo; si persiste, compruebe el estado de la tienda</translation>
    </message>
    <message>
      <source>doctor.sandbox_no_token</source>
      <extracomment>the sandbox profile has no token until the app starts its sandbox store</extracomment>
      <translation>el perfil de pruebas no tiene token hasta que la aplicación arranca su tienda de pruebas</translation>
    </message>
    <message>
      <source>doctor.sandbox_no_token_fix</source>
      <extracomment>run 'pos doctor {name}' from the pos command, which starts it</extracomment>
      <translation>ejecute 'pos doctor {name}' desde la orden pos, que la arranca</translation>
    </message>
    <message>
      <source>doctor.sandbox_store</source>
      <extracomment>sandbox store</extracomment>
      <translation>tienda de pruebas</translation>
    </message>
    <message>
      <source>doctor.scope_for</source>
      <extracomment>{scope} (to {purpose})</extracomment>
      <translation>{scope} (para {purpose})</translation>
    </message>
    <message>
      <source>doctor.scope_only_twin</source>
      <extracomment>{scope} (to {purpose}; the token has only {twin})</extracomment>
      <translation>{scope} (para {purpose}; el token solo tiene {twin})</translation>
    </message>
    <message>
      <source>doctor.scopes_ok</source>
      <extracomment>carts, checkouts and orders (modify), catalogue, customers, payment methods and payment tokens</extracomment>
      <translation>carritos, compras y pedidos (modificar), catálogo, clientes, formas de pago y tokens de pago</translation>
    </message>
    <message>
      <source>doctor.set_channel</source>
      <extracomment>set channel_id in the profile: pos profile edit {name} --set channel_id=N</extracomment>
      <translation>indique channel_id en el perfil: pos profile edit {name} --set channel_id=N</translation>
    </message>
    <message>
      <source>doctor.set_channel_list</source>
      <extracomment>set channel_id in the profile: pos profile edit {name} --set channel_id=N; the store's channels: {channels}</extracomment>
      <translation>indique channel_id en el perfil: pos profile edit {name} --set channel_id=N; canales de la tienda: {channels}</translation>
    </message>
    <message>
      <source>doctor.set_clock</source>
      <extracomment>set the date and time (enable network time)</extracomment>
      <translation>ponga en hora la fecha y la hora (active la hora de red)</translation>
    </message>
    <message>
      <source>doctor.set_clock_why</source>
      <extracomment>set the date and time (enable network time); payment tokens and TLS need a correct clock</extracomment>
      <translation>ponga en hora la fecha y la hora (active la hora de red); los tokens de pago y TLS necesitan un reloj correcto</translation>
    </message>
    <message>
      <source>doctor.setup_ok</source>
      <extracomment>channel {channel}, pickup option {pickup}, card method {card}</extracomment>
      <translation>canal {channel}, opción de recogida {pickup}, forma de pago con tarjeta {card}</translation>
    </message>
    <message>
      <source>doctor.skip_payments_host</source>
      <extracomment>payments host unreachable</extracomment>
      <translation>no se puede contactar con el servidor de pagos</translation>
    </message>
    <message>
      <source>doctor.skip_pickup</source>
      <extracomment>the pickup address is incomplete</extracomment>
      <translation>la dirección de recogida está incompleta</translation>
    </message>
    <message>
      <source>doctor.skip_profile</source>
      <extracomment>the profile cannot be read</extracomment>
      <translation>no se puede leer el perfil</translation>
    </message>
    <message>
      <source>doctor.skip_scopes</source>
      <extracomment>missing scopes</extracomment>
      <translation>faltan permisos</translation>
    </message>
    <message>
      <source>doctor.skip_token</source>
      <extracomment>the token was not accepted</extracomment>
      <translation>la tienda no ha aceptado el token</translation>
    </message>
    <message>
      <source>doctor.source.builtin</source>
      <extracomment>builtin</extracomment>
      <translation>integrado</translation>
    </message>
    <message>
      <source>doctor.source.system</source>
      <extracomment>system</extracomment>
      <translation>del sistema</translation>
    </message>
    <message>
      <source>doctor.source.user</source>
      <extracomment>user</extracomment>
      <translation>de usuario</translation>
    </message>
    <message>
      <source>doctor.source_path</source>
      <extracomment>{source} {path}</extracomment>
      <translation>{source}, {path}</translation>
    </message>
    <message>
      <source>doctor.store_hash</source>
      <extracomment>store {hash}</extracomment>
      <translation>tienda {hash}</translation>
    </message>
    <message>
      <source>doctor.store_url</source>
      <extracomment>the store URL {problem}</extracomment>
      <translation>URL de la tienda: {problem}</translation>
    </message>
    <message>
      <source>doctor.tls_failed</source>
      <extracomment>TLS to {host} failed ({problem})</extracomment>
      <translation>ha fallado TLS con {host} ({problem})</translation>
    </message>
    <message>
      <source>doctor.tls_fix</source>
      <extracomment>a proxy may inspect TLS: add its CA with 'pos profile edit NAME --set ca_bundle=/path/ca.pem'</extracomment>
      <translation>puede que un proxy inspeccione TLS: añada su CA con 'pos profile edit NAME --set ca_bundle=/ruta/ca.pem'</translation>
    </message>
    <message>
      <source>doctor.token_accepted</source>
      <extracomment>the store accepts the token</extracomment>
      <translation>la tienda acepta el token</translation>
    </message>
    <message>
      <source>doctor.token_found</source>
      <extracomment>found in the {where}</extracomment>
      <translation>encontrado en {where}</translation>
    </message>
    <message>
      <source>doctor.token_given</source>
      <extracomment>given by the app</extracomment>
      <translation>lo ha dado la aplicación</translation>
    </message>
    <message>
      <source>doctor.token_source.env</source>
      <extracomment>POS_TOKEN environment variable</extracomment>
      <translation>la variable de entorno POS_TOKEN</translation>
    </message>
    <message>
      <source>doctor.token_source.keyring</source>
      <extracomment>OS keyring</extracomment>
      <translation>el llavero del sistema</translation>
    </message>
    <message>
      <source>doctor.writable</source>
      <extracomment>{folder} is writable</extracomment>
      <translation>se puede escribir en {folder}</translation>
    </message>
    <message>
      <source>keyring.disabled</source>
      <extracomment>The keyring is disabled (the 'null' backend is configured, e.g. by PYTHON_KEYRING_BACKEND or keyringrc.cfg).</extracomment>
      <translation>El llavero está desactivado (se ha configurado el llavero «null», p. ej., en PYTHON_KEYRING_BACKEND o keyringrc.cfg).</translation>
    </message>
    <message>
      <source>keyring.failed</source>
      <extracomment>The keyring failed ({detail}).</extracomment>
      <translation>El llavero ha fallado ({detail}).</translation>
    </message>
    <message>
      <source>keyring.hint.linux</source>
      <extracomment>Install and unlock a Secret Service keyring (gnome-keyring or KWallet) in a desktop session with D-Bus. On a headless server, set the {variable} environment variable instead.</extracomment>
      <translation>Instale y desbloquee un llavero Secret Service (gnome-keyring o KWallet) en una sesión de escritorio con D-Bus. En un servidor sin pantalla, defina en su lugar la variable de entorno {variable}.</translation>
    </message>
    <message>
      <source>keyring.hint.macos</source>
      <extracomment>Unlock the login keychain (Keychain Access) and try again. On a headless server, set the {variable} environment variable instead.</extracomment>
      <translation>Desbloquee el llavero de inicio de sesión (Acceso a Llaveros) e inténtelo de nuevo. En un servidor sin pantalla, defina en su lugar la variable de entorno {variable}.</translation>
    </message>
    <message>
      <source>keyring.hint.windows</source>
      <extracomment>Windows Credential Manager must be available to your user account. On a headless server, set the {variable} environment variable instead.</extracomment>
      <translation>El Administrador de credenciales de Windows debe estar disponible para su cuenta de usuario. En un servidor sin pantalla, defina en su lugar la variable de entorno {variable}.</translation>
    </message>
    <message>
      <source>keyring.locked</source>
      <extracomment>The keyring is locked.</extracomment>
      <translation>El llavero está bloqueado.</translation>
    </message>
    <message>
      <source>keyring.locked_detail</source>
      <extracomment>The keyring is locked ({detail}).</extracomment>
      <translation>El llavero está bloqueado ({detail}).</translation>
    </message>
    <message>
      <source>keyring.locked_hint</source>
      <extracomment>Unlock the keyring (log in to the desktop session, or unlock it in 'Passwords and Keys' / KWallet) and try again. On a headless server, set the {variable} environment variable instead.</extracomment>
      <translation>Desbloquee el llavero (inicie sesión en el escritorio o desbloquéelo en «Contraseñas y claves» / KWallet) e inténtelo de nuevo. En un servidor sin pantalla, defina en su lugar la variable de entorno {variable}.</translation>
    </message>
    <message>
      <source>keyring.no_backend</source>
      <extracomment>No keyring backend was found.</extracomment>
      <translation>No se ha encontrado ningún llavero.</translation>
    </message>
    <message>
      <source>keyring.not_opened</source>
      <extracomment>The keyring could not be opened ({detail}).</extracomment>
      <translation>No se ha podido abrir el llavero ({detail}).</translation>
    </message>
    <message>
      <source>keyring.plaintext</source>
      <extracomment>The keyring backend {backend} stores secrets in a plain file; the register does not keep tokens there.</extracomment>
      <translation>El llavero {backend} guarda los secretos en un archivo sin cifrar; la caja no guarda tokens ahí.</translation>
    </message>
    <message>
      <source>keyring.remove_setting</source>
      <extracomment>Remove that setting. {hint}</extracomment>
      <translation>Quite esa configuración. {hint}</translation>
    </message>
    <message>
      <source>keyring.uninstall_alt</source>
      <extracomment>Uninstall keyrings.alt (or choose another backend). {hint}</extracomment>
      <translation>Desinstale keyrings.alt (o elija otro llavero). {hint}</translation>
    </message>
    <message>
      <source>profile.channel_rule</source>
      <extracomment>must be 1 or more (1 is the store's default channel)</extracomment>
      <translation>debe ser 1 o más (1 es el canal predeterminado de la tienda)</translation>
    </message>
    <message>
      <source>profile.coin_rule</source>
      <extracomment>must be the smallest coin as an amount, e.g. '0.05'</extracomment>
      <translation>debe ser la moneda más pequeña como importe, p. ej., '0.05'</translation>
    </message>
    <message>
      <source>profile.country_rule</source>
      <extracomment>must be a two-letter ISO 3166 code in capitals, e.g. 'US'</extracomment>
      <translation>debe ser un código ISO 3166 de dos letras en mayúsculas, p. ej., 'ES'</translation>
    </message>
    <message>
      <source>profile.currency_rule</source>
      <extracomment>must be a three-letter ISO 4217 code in capitals, e.g. 'USD'</extracomment>
      <translation>debe ser un código ISO 4217 de tres letras en mayúsculas, p. ej., 'EUR'</translation>
    </message>
    <message>
      <source>profile.currency_unknown</source>
      <extracomment>is not a current ISO 4217 currency code, e.g. 'USD'</extracomment>
      <translation>no es un código de moneda ISO 4217 vigente, p. ej., 'EUR'</translation>
    </message>
    <message>
      <source>profile.kind.bool</source>
      <extracomment>true or false</extracomment>
      <translation>true o false</translation>
    </message>
    <message>
      <source>profile.kind.int</source>
      <extracomment>an integer</extracomment>
      <translation>un número entero</translation>
    </message>
    <message>
      <source>profile.kind.lines</source>
      <extracomment>a list of strings</extracomment>
      <translation>una lista de cadenas de texto</translation>
    </message>
    <message>
      <source>profile.kind.str</source>
      <extracomment>a string</extracomment>
      <translation>una cadena de texto</translation>
    </message>
    <message>
      <source>profile.kind.table</source>
      <extracomment>a table of address fields</extracomment>
      <translation>una tabla de campos de dirección</translation>
    </message>
    <message>
      <source>profile.kind.url</source>
      <extracomment>a URL string</extracomment>
      <translation>una URL entre comillas</translation>
    </message>
    <message>
      <source>profile.language_unknown</source>
      <extracomment>is not a language the register speaks; choose one of {languages}</extracomment>
      <translation>la caja no está traducida a ese idioma; elija uno de {languages}</translation>
    </message>
    <message>
      <source>profile.locale_rule</source>
      <extracomment>must look like 'en_US' or 'fr_CA'</extracomment>
      <translation>debe tener la forma 'es_ES' o 'es_MX'</translation>
    </message>
    <message>
      <source>profile.locale_unknown</source>
      <extracomment>is not a locale the register knows</extracomment>
      <translation>no es una configuración regional que la caja conozca</translation>
    </message>
    <message>
      <source>profile.locale_unknown_hint</source>
      <extracomment>is not a locale the register knows; did you mean {suggestions}?</extracomment>
      <translation>no es una configuración regional que la caja conozca; ¿quería decir {suggestions}?</translation>
    </message>
    <message>
      <source>profile.missing_key</source>
      <extracomment>missing required key</extracomment>
      <translation>falta una clave obligatoria</translation>
    </message>
    <message>
      <source>profile.must_be_kind</source>
      <extracomment>must be {kind}, not {found}</extracomment>
      <translation>debe ser {kind}, no {found}</translation>
    </message>
    <message>
      <source>profile.name_rule</source>
      <extracomment>must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit</extracomment>
      <translation>debe tener de 1 a 64 letras, cifras, '.', '_' o '-', y empezar por una letra o una cifra</translation>
    </message>
    <message>
      <source>profile.not_empty</source>
      <extracomment>must not be empty</extracomment>
      <translation>no puede estar vacío</translation>
    </message>
    <message>
      <source>profile.secret_key</source>
      <extracomment>API tokens never go in a profile; run pos profile set-token {name} and delete this line</extracomment>
      <translation>los tokens de la API nunca van en un perfil; ejecute pos profile set-token {name} y borre esta línea</translation>
    </message>
    <message>
      <source>profile.store_hash_missing</source>
      <extracomment>missing required key (the store hash from the API account's API path, e.g. https://api.bigcommerce.com/stores/abc123/v3/)</extracomment>
      <translation>falta una clave obligatoria (el hash de la tienda, de la ruta de la API de la cuenta de API, p. ej., https://api.bigcommerce.com/stores/abc123/v3/)</translation>
    </message>
    <message>
      <source>profile.store_hash_rule</source>
      <extracomment>must be letters and digits only, e.g. 'abc123'</extracomment>
      <translation>solo puede tener letras y cifras, p. ej., 'abc123'</translation>
    </message>
    <message>
      <source>profile.unknown_field</source>
      <extracomment>unknown address field (ignored); known fields: {fields}</extracomment>
      <translation>campo de dirección desconocido (se ignora); campos conocidos: {fields}</translation>
    </message>
    <message>
      <source>profile.unknown_key</source>
      <extracomment>unknown key (ignored); known keys: {keys}</extracomment>
      <translation>clave desconocida (se ignora); claves conocidas: {keys}</translation>
    </message>
  </context>
  <context>
    <name>MoneyMoveDialog</name>
    <message>
      <source>&amp;Amount:</source>
      <translation>&amp;Importe:</translation>
    </message>
    <message>
      <source>&amp;Reason:</source>
      <translation>&amp;Motivo:</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>Importe</translation>
    </message>
    <message>
      <source>No sale</source>
      <translation>Sin venta</translation>
    </message>
    <message>
      <source>Paid in</source>
      <translation>Entrada de efectivo</translation>
    </message>
    <message>
      <source>Paid out</source>
      <translation>Salida de efectivo</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Motivo</translation>
    </message>
  </context>
  <context>
    <name>ShiftDesk</name>
    <message>
      <source>&amp;Close the shift (Z report)…</source>
      <translation>&amp;Cerrar el turno (informe Z)…</translation>
    </message>
    <message>
      <source>&amp;No sale (open the drawer)…</source>
      <translation>Si&amp;n venta (abrir el cajón)…</translation>
    </message>
    <message>
      <source>&amp;Open the shift…</source>
      <translation>&amp;Abrir el turno…</translation>
    </message>
    <message>
      <source>&amp;X report (so far)</source>
      <translation>Informe &amp;X (hasta ahora)</translation>
    </message>
    <message>
      <source>No shift is open on this register: open it to sell.</source>
      <translation>No hay ningún turno abierto en esta caja: ábralo para vender.</translation>
    </message>
    <message>
      <source>Open the shift</source>
      <translation>Abrir el turno</translation>
    </message>
    <message>
      <source>Paid &amp;in…</source>
      <translation>&amp;Entrada de efectivo…</translation>
    </message>
    <message>
      <source>Paid o&amp;ut…</source>
      <translation>&amp;Salida de efectivo…</translation>
    </message>
    <message>
      <source>S&amp;hift</source>
      <translation>&amp;Turno</translation>
    </message>
    <message>
      <source>X report</source>
      <translation>Informe X</translation>
    </message>
  </context>
  <context>
    <name>SaleWords</name>
    <message>
      <source>address.country_invalid</source>
      <extracomment>Choose a country (a two-letter ISO country code such as US).</extracomment>
      <translation>Elija un país (un código ISO de dos letras, como ES).</translation>
    </message>
    <message>
      <source>address.email_invalid</source>
      <extracomment>The e-mail address is not valid (like name@example.com).</extracomment>
      <translation>La dirección de correo electrónico no es válida (como nombre@ejemplo.com).</translation>
    </message>
    <message>
      <source>address.field.address1</source>
      <extracomment>street address</extracomment>
      <translation>la dirección</translation>
    </message>
    <message>
      <source>address.field.address2</source>
      <extracomment>second address line</extracomment>
      <translation>la segunda línea de la dirección</translation>
    </message>
    <message>
      <source>address.field.city</source>
      <extracomment>town or city</extracomment>
      <translation>la localidad</translation>
    </message>
    <message>
      <source>address.field.company</source>
      <extracomment>company</extracomment>
      <translation>la empresa</translation>
    </message>
    <message>
      <source>address.field.country_code</source>
      <extracomment>country</extracomment>
      <translation>el país</translation>
    </message>
    <message>
      <source>address.field.email</source>
      <extracomment>e-mail address</extracomment>
      <translation>la dirección de correo electrónico</translation>
    </message>
    <message>
      <source>address.field.first_name</source>
      <extracomment>first name</extracomment>
      <translation>el nombre</translation>
    </message>
    <message>
      <source>address.field.last_name</source>
      <extracomment>last name</extracomment>
      <translation>los apellidos</translation>
    </message>
    <message>
      <source>address.field.phone</source>
      <extracomment>phone number</extracomment>
      <translation>el número de teléfono</translation>
    </message>
    <message>
      <source>address.field.postal_code</source>
      <extracomment>postal code</extracomment>
      <translation>el código postal</translation>
    </message>
    <message>
      <source>address.field.state_or_province</source>
      <extracomment>state or province</extracomment>
      <translation>el estado o provincia</translation>
    </message>
    <message>
      <source>address.field.state_or_province_code</source>
      <extracomment>state or province code</extracomment>
      <translation>el código de estado o provincia</translation>
    </message>
    <message>
      <source>address.phone_country</source>
      <extracomment>Write the phone number with its country code (like +44 20 7946 0958).</extracomment>
      <translation>Escriba el número de teléfono con su prefijo internacional (como +34 912 345 678).</translation>
    </message>
    <message>
      <source>address.phone_invalid</source>
      <extracomment>The phone number must have 2 to 15 digits, optionally a leading + and an extension (x123).</extracomment>
      <translation>El número de teléfono debe tener de 2 a 15 cifras, con un + inicial opcional y una extensión (x123).</translation>
    </message>
    <message>
      <source>address.postal.eircode</source>
      <extracomment>Eircode</extracomment>
      <translation>el código postal (Eircode)</translation>
    </message>
    <message>
      <source>address.postal.pin</source>
      <extracomment>PIN code</extracomment>
      <translation>el código postal (PIN)</translation>
    </message>
    <message>
      <source>address.postal.zip</source>
      <extracomment>ZIP code</extracomment>
      <translation>el código postal (ZIP)</translation>
    </message>
    <message>
      <source>address.postal_invalid</source>
      <extracomment>The {field} is not valid for {country} (like {example}).</extracomment>
      <translation>No es válido {field} para {country} (por ejemplo, {example}).</translation>
    </message>
    <message>
      <source>address.postal_invalid_plain</source>
      <extracomment>The {field} is not valid for {country}.</extracomment>
      <translation>No es válido {field} para {country}.</translation>
    </message>
    <message>
      <source>address.postal_state</source>
      <extracomment>The {field} {code} is not in {state}.</extracomment>
      <translation>{code} no corresponde a {state}: compruebe {field}.</translation>
    </message>
    <message>
      <source>address.required</source>
      <extracomment>Enter the {field}.</extracomment>
      <translation>Introduzca {field}.</translation>
    </message>
    <message>
      <source>address.state.area</source>
      <extracomment>area</extracomment>
      <translation>el área</translation>
    </message>
    <message>
      <source>address.state.county</source>
      <extracomment>county</extracomment>
      <translation>el condado</translation>
    </message>
    <message>
      <source>address.state.department</source>
      <extracomment>department</extracomment>
      <translation>el departamento</translation>
    </message>
    <message>
      <source>address.state.district</source>
      <extracomment>district</extracomment>
      <translation>el distrito</translation>
    </message>
    <message>
      <source>address.state.do_si</source>
      <extracomment>do-si</extracomment>
      <translation>la provincia (do-si)</translation>
    </message>
    <message>
      <source>address.state.emirate</source>
      <extracomment>emirate</extracomment>
      <translation>el emirato</translation>
    </message>
    <message>
      <source>address.state.island</source>
      <extracomment>island</extracomment>
      <translation>la isla</translation>
    </message>
    <message>
      <source>address.state.oblast</source>
      <extracomment>oblast</extracomment>
      <translation>la provincia (óblast)</translation>
    </message>
    <message>
      <source>address.state.parish</source>
      <extracomment>parish</extracomment>
      <translation>la parroquia</translation>
    </message>
    <message>
      <source>address.state.prefecture</source>
      <extracomment>prefecture</extracomment>
      <translation>la prefectura</translation>
    </message>
    <message>
      <source>address.state.province</source>
      <extracomment>province</extracomment>
      <translation>la provincia</translation>
    </message>
    <message>
      <source>address.state.state</source>
      <extracomment>state</extracomment>
      <translation>el estado</translation>
    </message>
    <message>
      <source>address.state_unknown</source>
      <extracomment>Choose a {state} of {country} from the list.</extracomment>
      <translation>Elija en la lista {state} de {country}.</translation>
    </message>
    <message>
      <source>address.too_long</source>
      <extracomment>The {field} is too long (at most {limit} characters).</extracomment>
      <translation>Texto demasiado largo en {field} (como máximo {limit} caracteres).</translation>
    </message>
    <message>
      <source>card.cleared</source>
      <extracomment>The card details have been cleared.</extracomment>
      <translation>Los datos de la tarjeta se han borrado.</translation>
    </message>
    <message>
      <source>card.cvv.digits</source>
      <extracomment>The security code may contain only digits.</extracomment>
      <translation>El código de seguridad solo puede contener cifras.</translation>
    </message>
    <message>
      <source>card.cvv.length</source>
      <extracomment>The security code of {brand} has {count} digits.</extracomment>
      <translation>El código de seguridad de {brand} tiene {count} cifras.</translation>
    </message>
    <message>
      <source>card.cvv.length_any</source>
      <extracomment>The security code of this card has {count} digits.</extracomment>
      <translation>El código de seguridad de esta tarjeta tiene {count} cifras.</translation>
    </message>
    <message>
      <source>card.cvv.missing</source>
      <extracomment>Enter the card's security code.</extracomment>
      <translation>Introduzca el código de seguridad de la tarjeta.</translation>
    </message>
    <message>
      <source>card.expiry.expired</source>
      <extracomment>The card has expired.</extracomment>
      <translation>La tarjeta ha caducado.</translation>
    </message>
    <message>
      <source>card.expiry.month</source>
      <extracomment>The expiry month must be 1 to 12.</extracomment>
      <translation>El mes de caducidad debe estar entre 1 y 12.</translation>
    </message>
    <message>
      <source>card.expiry.year_digits</source>
      <extracomment>The expiry year must have four digits (e.g. 2031).</extracomment>
      <translation>El año de caducidad debe tener cuatro cifras (p. ej., 2031).</translation>
    </message>
    <message>
      <source>card.expiry.year_far</source>
      <extracomment>The expiry year is too far in the future.</extracomment>
      <translation>El año de caducidad está demasiado lejos en el futuro.</translation>
    </message>
    <message>
      <source>card.name.digits</source>
      <extracomment>The name on the card may not contain digits.</extracomment>
      <translation>El nombre de la tarjeta no puede contener cifras.</translation>
    </message>
    <message>
      <source>card.name.long</source>
      <extracomment>The name on the card is too long.</extracomment>
      <translation>El nombre de la tarjeta es demasiado largo.</translation>
    </message>
    <message>
      <source>card.name.missing</source>
      <extracomment>Enter the name on the card.</extracomment>
      <translation>Introduzca el nombre que figura en la tarjeta.</translation>
    </message>
    <message>
      <source>card.number.brand</source>
      <extracomment>This card number does not belong to a known card brand.</extracomment>
      <translation>Este número de tarjeta no pertenece a ninguna marca de tarjetas conocida.</translation>
    </message>
    <message>
      <source>card.number.digits</source>
      <extracomment>The card number may contain only digits.</extracomment>
      <translation>El número de la tarjeta solo puede contener cifras.</translation>
    </message>
    <message>
      <source>card.number.length</source>
      <extracomment>A {brand} card number has {allowed} digits; this one has {count}.</extracomment>
      <translation>Un número de tarjeta {brand} tiene {allowed} cifras; este tiene {count}.</translation>
    </message>
    <message>
      <source>card.number.length_choice</source>
      <extracomment>{some} or {last}</extracomment>
      <translation>{some} o {last}</translation>
    </message>
    <message>
      <source>card.number.length_range</source>
      <extracomment>{low} to {high}</extracomment>
      <translation>de {low} a {high}</translation>
    </message>
    <message>
      <source>card.number.luhn</source>
      <extracomment>The card number is not valid; check it for a typing error.</extracomment>
      <translation>El número de la tarjeta no es válido; compruebe si hay un error al teclearlo.</translation>
    </message>
    <message>
      <source>card.number.missing</source>
      <extracomment>Enter the card number.</extracomment>
      <translation>Introduzca el número de la tarjeta.</translation>
    </message>
    <message>
      <source>charge.3ds.text</source>
      <extracomment>Nothing was charged. A card that needs 3-D Secure cannot be keyed in at the register; it can be charged once the customer has saved it in an online checkout. Ask for another card or another way to pay.</extracomment>
      <translation>No se ha cobrado nada. Una tarjeta que necesita 3-D Secure no se puede teclear en la caja; se podrá cobrar cuando el cliente la haya guardado en una compra en línea. Pida otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
      <source>charge.3ds.title</source>
      <extracomment>The card needs 3-D Secure</extracomment>
      <translation>La tarjeta necesita 3-D Secure</translation>
    </message>
    <message>
      <source>charge.choose_card</source>
      <extracomment>Choose a card.</extracomment>
      <translation>Elija una tarjeta.</translation>
    </message>
    <message>
      <source>charge.credit_needs_customer</source>
      <extracomment>Store credit belongs to a customer; choose the customer first.</extracomment>
      <translation>El saldo a favor pertenece a un cliente; elija primero el cliente.</translation>
    </message>
    <message>
      <source>charge.cvv_3_or_4</source>
      <extracomment>The security code has 3 or 4 digits.</extracomment>
      <translation>El código de seguridad tiene 3 o 4 cifras.</translation>
    </message>
    <message>
      <source>charge.gift_code</source>
      <extracomment>Type the gift certificate's code.</extracomment>
      <translation>Escriba el código del certificado de regalo.</translation>
    </message>
    <message>
      <source>charge.no_gift_certificates</source>
      <extracomment>The store does not accept gift certificates.</extracomment>
      <translation>La tienda no acepta vales regalo.</translation>
    </message>
    <message>
      <source>charge.no_store_credit</source>
      <extracomment>The store does not accept store credit.</extracomment>
      <translation>La tienda no acepta saldo a favor.</translation>
    </message>
    <message>
      <source>charge.not_remade</source>
      <extracomment>Nothing was charged. The order could not be made again with the new total: {reason} Try again when the store answers.</extracomment>
      <translation>No se ha cobrado nada. No se ha podido crear de nuevo el pedido con el nuevo total: {reason} Inténtelo de nuevo cuando la tienda responda.</translation>
    </message>
    <message>
      <source>charge.nothing_charged_because</source>
      <extracomment>Nothing was charged. {reason}</extracomment>
      <translation>No se ha cobrado nada. {reason}</translation>
    </message>
    <message>
      <source>charge.sale_changed</source>
      <extracomment>The sale changed</extracomment>
      <translation>La venta ha cambiado</translation>
    </message>
    <message>
      <source>charge.save_needs_customer</source>
      <extracomment>A card can be saved only for a known customer.</extracomment>
      <translation>Solo se puede guardar una tarjeta para un cliente conocido.</translation>
    </message>
    <message>
      <source>charge.stored_needs_customer</source>
      <extracomment>Stored cards need the customer who owns them; choose the customer first.</extracomment>
      <translation>Las tarjetas guardadas necesitan al cliente al que pertenecen; elija primero el cliente.</translation>
    </message>
    <message>
      <source>charge.total_changed</source>
      <extracomment>The total changed</extracomment>
      <translation>El total ha cambiado</translation>
    </message>
    <message>
      <source>check.before_abandon</source>
      <extracomment>Check the payment before abandoning the sale.</extracomment>
      <translation>Compruebe el pago antes de abandonar la venta.</translation>
    </message>
    <message>
      <source>check.nothing_yet</source>
      <extracomment>Nothing has been charged in this sale yet.</extracomment>
      <translation>Todavía no se ha cobrado nada en esta venta.</translation>
    </message>
    <message>
      <source>clerk.title_and_text</source>
      <extracomment>{title}. {text}</extracomment>
      <translation>{title}. {text}</translation>
    </message>
    <message>
      <source>coupon.code</source>
      <extracomment>Type the coupon code (at most {limit} characters).</extracomment>
      <translation>Escriba el código del cupón (como máximo {limit} caracteres).</translation>
    </message>
    <message>
      <source>coupon.lost</source>
      <extracomment>The coupon {code} could not be applied again: {reason}</extracomment>
      <translation>No se ha podido aplicar de nuevo el cupón {code}: {reason}</translation>
    </message>
    <message>
      <source>credit.too_low</source>
      <extracomment>The customer's store credit is {balance}, less than the {total} due. Nothing was charged; choose another way to pay.</extracomment>
      <translation>El saldo de la tienda del cliente es {balance}, menos que los {total} a pagar. No se ha cobrado nada; elija otra forma de pago.</translation>
    </message>
    <message>
      <source>customer.changed</source>
      <extracomment>Changing the customer makes the store drop the coupon and the delivery choices; they are being applied again.</extracomment>
      <translation>Al cambiar el cliente, la tienda quita el cupón y las opciones de entrega; se están aplicando de nuevo.</translation>
    </message>
    <message>
      <source>delivery.adds_up</source>
      <extracomment>{parts} = {total}</extracomment>
      <translation>{parts} = {total}</translation>
    </message>
    <message>
      <source>delivery.choose</source>
      <extracomment>Choose pickup or shipping.</extracomment>
      <translation>Elija recogida o envío.</translation>
    </message>
    <message>
      <source>delivery.choose_again</source>
      <extracomment>The items changed: choose again what is taken now and what is shipped.</extracomment>
      <translation>Los artículos han cambiado: elija de nuevo qué se lleva ahora y qué se envía.</translation>
    </message>
    <message>
      <source>delivery.choose_for_item</source>
      <extracomment>{item}: choose pickup or shipping for it.</extracomment>
      <translation>{item}: elija recogida o envío.</translation>
    </message>
    <message>
      <source>delivery.choose_kind</source>
      <extracomment>Choose pickup or ship.</extracomment>
      <translation>Elija recoger o enviar.</translation>
    </message>
    <message>
      <source>delivery.choose_offered</source>
      <extracomment>Choose one of the offered shipping options.</extracomment>
      <translation>Elija una de las opciones de envío ofrecidas.</translation>
    </message>
    <message>
      <source>delivery.consignment_gone</source>
      <extracomment>That consignment is no longer part of the sale.</extracomment>
      <translation>Ese envío ya no forma parte de la venta.</translation>
    </message>
    <message>
      <source>delivery.empty</source>
      <extracomment>Put at least one item in it.</extracomment>
      <translation>Ponga al menos un artículo.</translation>
    </message>
    <message>
      <source>delivery.item_gone</source>
      <extracomment>An item is no longer in the sale.</extracomment>
      <translation>Un artículo ya no está en la venta.</translation>
    </message>
    <message>
      <source>delivery.no_pickup</source>
      <extracomment>This register has no pickup location; ship the items.</extracomment>
      <translation>Esta caja no tiene punto de recogida; envíe los artículos.</translation>
    </message>
    <message>
      <source>delivery.not_kept</source>
      <extracomment>The store did not keep this delivery</extracomment>
      <translation>La tienda no ha guardado esta entrega</translation>
    </message>
    <message>
      <source>delivery.not_kept_changed</source>
      <extracomment>The store changed the consignments it was sent. Choose pickup or shipping again.</extracomment>
      <translation>La tienda ha cambiado los envíos que se le mandaron. Elija de nuevo recogida o envío.</translation>
    </message>
    <message>
      <source>delivery.not_kept_split</source>
      <extracomment>The store could not take part of an item now and ship the rest. Choose again: take each item's whole quantity now or ship it whole.</extracomment>
      <translation>La tienda no puede entregar ahora una parte de un artículo y enviar el resto. Elija de nuevo: llévese ahora la cantidad completa de cada artículo o envíela completa.</translation>
    </message>
    <message>
      <source>delivery.one_pickup</source>
      <extracomment>Only one pickup is possible.</extracomment>
      <translation>Solo es posible una recogida.</translation>
    </message>
    <message>
      <source>delivery.part</source>
      <extracomment>{quantity} {how}</extracomment>
      <translation>{quantity} {how}</translation>
    </message>
    <message>
      <source>delivery.plus</source>
      <extracomment>{first} + {more}</extracomment>
      <translation>{first} + {more}</translation>
    </message>
    <message>
      <source>delivery.quantities_whole</source>
      <extracomment>Quantities must be whole numbers of at least 1 (leave a line out of a consignment instead of 0).</extracomment>
      <translation>Las cantidades deben ser números enteros de al menos 1 (deje una línea fuera de un envío en vez de poner 0).</translation>
    </message>
    <message>
      <source>delivery.set_up_again</source>
      <extracomment>The items changed, so the delivery was set up again.</extracomment>
      <translation>Los artículos han cambiado, así que la entrega se ha preparado de nuevo.</translation>
    </message>
    <message>
      <source>delivery.shares_wrong</source>
      <extracomment>{item}: {said}, but the sale has {quantity}; every one must be either taken now or shipped.</extracomment>
      <translation>{item}: {said}, pero la venta tiene {quantity}; cada unidad debe llevarse ahora o enviarse.</translation>
    </message>
    <message>
      <source>delivery.shipped</source>
      <extracomment>shipped</extracomment>
      <translation>se envía</translation>
    </message>
    <message>
      <source>delivery.taken_now</source>
      <extracomment>taken now</extracomment>
      <translation>se lleva ahora</translation>
    </message>
    <message>
      <source>disk_full</source>
      <extracomment>The disk is full: the sale cannot be recorded, so nothing will be charged. Free some space on this computer, then try again.</extracomment>
      <translation>El disco está lleno: la venta no se puede registrar, así que no se cobrará nada. Libere espacio en este ordenador e inténtelo de nuevo.</translation>
    </message>
    <message>
      <source>doing.adding_the_item</source>
      <extracomment>adding the item</extracomment>
      <translation>al añadir el artículo</translation>
    </message>
    <message>
      <source>doing.applying_the_coupon</source>
      <extracomment>applying the coupon</extracomment>
      <translation>al aplicar el cupón</translation>
    </message>
    <message>
      <source>doing.changing_the_delivery</source>
      <extracomment>changing the delivery</extracomment>
      <translation>al cambiar la entrega</translation>
    </message>
    <message>
      <source>doing.changing_the_quantity</source>
      <extracomment>changing the quantity</extracomment>
      <translation>al cambiar la cantidad</translation>
    </message>
    <message>
      <source>doing.checking_an_earlier_order_of_this_sale</source>
      <extracomment>checking an earlier order of this sale</extracomment>
      <translation>al comprobar un pedido anterior de esta venta</translation>
    </message>
    <message>
      <source>doing.checking_the_cart</source>
      <extracomment>checking the cart</extracomment>
      <translation>al comprobar el carrito</translation>
    </message>
    <message>
      <source>doing.checking_the_order</source>
      <extracomment>checking the order</extracomment>
      <translation>al comprobar el pedido</translation>
    </message>
    <message>
      <source>doing.checking_whether_the_order_was_made</source>
      <extracomment>checking whether the order was made</extracomment>
      <translation>al comprobar si se ha creado el pedido</translation>
    </message>
    <message>
      <source>doing.choosing_the_shipping_option</source>
      <extracomment>choosing the shipping option</extracomment>
      <translation>al elegir la opción de envío</translation>
    </message>
    <message>
      <source>doing.creating_the_cart</source>
      <extracomment>creating the cart</extracomment>
      <translation>al crear el carrito</translation>
    </message>
    <message>
      <source>doing.finding_the_customer</source>
      <extracomment>finding the customer</extracomment>
      <translation>al buscar al cliente</translation>
    </message>
    <message>
      <source>doing.looking_up_the_item</source>
      <extracomment>looking up the item</extracomment>
      <translation>al buscar el artículo</translation>
    </message>
    <message>
      <source>doing.making_the_order</source>
      <extracomment>making the order</extracomment>
      <translation>al crear el pedido</translation>
    </message>
    <message>
      <source>doing.reading_the_payment_methods</source>
      <extracomment>reading the payment methods</extracomment>
      <translation>al leer las formas de pago</translation>
    </message>
    <message>
      <source>doing.reading_the_sale</source>
      <extracomment>reading the sale</extracomment>
      <translation>al leer la venta</translation>
    </message>
    <message>
      <source>doing.removing_the_coupon</source>
      <extracomment>removing the coupon</extracomment>
      <translation>al quitar el cupón</translation>
    </message>
    <message>
      <source>doing.saving_the_billing_address</source>
      <extracomment>saving the billing address</extracomment>
      <translation>al guardar la dirección de facturación</translation>
    </message>
    <message>
      <source>doing.saving_the_delivery</source>
      <extracomment>saving the delivery</extracomment>
      <translation>al guardar la entrega</translation>
    </message>
    <message>
      <source>gift.none</source>
      <extracomment>The store has no gift certificate with this code.</extracomment>
      <translation>La tienda no tiene ningún certificado de regalo con este código.</translation>
    </message>
    <message>
      <source>gift.too_low</source>
      <extracomment>The gift certificate's balance is {balance}, less than the {total} due. Nothing was charged; choose another way to pay.</extracomment>
      <translation>El saldo del certificado de regalo es {balance}, menos que los {total} a pagar. No se ha cobrado nada; elija otra forma de pago.</translation>
    </message>
    <message>
      <source>item.ambiguous</source>
      <extracomment>The code {code} names {count} variants; choose one.</extracomment>
      <translation>El código {code} corresponde a {count} variantes; elija una.</translation>
    </message>
    <message>
      <source>item.code_missing</source>
      <extracomment>Scan or type a barcode or SKU.</extracomment>
      <translation>Escanee o escriba un código de barras o una SKU.</translation>
    </message>
    <message>
      <source>item.disabled</source>
      <extracomment>{item} cannot be sold: purchasing is disabled for it.</extracomment>
      <translation>{item} no se puede vender: su compra está desactivada.</translation>
    </message>
    <message>
      <source>item.disabled_why</source>
      <extracomment>{item} cannot be sold. {why}.</extracomment>
      <translation>{item} no se puede vender. {why}.</translation>
    </message>
    <message>
      <source>item.line_gone</source>
      <extracomment>That line is no longer in the sale.</extracomment>
      <translation>Esa línea ya no está en la venta.</translation>
    </message>
    <message>
      <source>item.no_code</source>
      <extracomment>No product has the code {code}.</extracomment>
      <translation>Ningún producto tiene el código {code}.</translation>
    </message>
    <message>
      <source>item.only_in_stock</source>
      <extracomment>Only {level} in stock; the quantity cannot be {quantity}.</extracomment>
      <translation>Solo hay {level} en existencias; la cantidad no puede ser {quantity}.</translation>
    </message>
    <message>
      <source>item.out_of_stock</source>
      <extracomment>{item} cannot be sold: it is out of stock.</extracomment>
      <translation>{item} no se puede vender: está agotado.</translation>
    </message>
    <message>
      <source>item.quantity_large</source>
      <extracomment>The quantity is too large (at most {limit}).</extracomment>
      <translation>La cantidad es demasiado grande (como máximo {limit}).</translation>
    </message>
    <message>
      <source>item.quantity_whole</source>
      <extracomment>The quantity must be a whole number of at least 1.</extracomment>
      <translation>La cantidad debe ser un número entero de al menos 1.</translation>
    </message>
    <message>
      <source>item.unknown</source>
      <extracomment>That item is not known; scan it or search for it again.</extracomment>
      <translation>No se conoce ese artículo; escanéelo o búsquelo de nuevo.</translation>
    </message>
    <message>
      <source>no_card_payments.text</source>
      <extracomment>The store has no card payment method for this register. A manager must check the payment settings.</extracomment>
      <translation>La tienda no tiene ninguna forma de pago con tarjeta para esta caja. Un encargado debe revisar la configuración de pagos.</translation>
    </message>
    <message>
      <source>no_card_payments.title</source>
      <extracomment>No card payments</extracomment>
      <translation>Sin pagos con tarjeta</translation>
    </message>
    <message>
      <source>not_ready.customer</source>
      <extracomment>Enter the customer's billing address first.</extracomment>
      <translation>Introduzca primero la dirección de facturación del cliente.</translation>
    </message>
    <message>
      <source>not_ready.fulfilment</source>
      <extracomment>Choose pickup or shipping for every item first.</extracomment>
      <translation>Elija primero recogida o envío para cada artículo.</translation>
    </message>
    <message>
      <source>not_ready.items</source>
      <extracomment>Add an item to the sale first.</extracomment>
      <translation>Añada primero un artículo a la venta.</translation>
    </message>
    <message>
      <source>not_ready.shipping</source>
      <extracomment>Choose a shipping option for every shipment first.</extracomment>
      <translation>Elija primero una opción de envío para cada envío.</translation>
    </message>
    <message>
      <source>order.not_cancelled</source>
      <extracomment>An earlier order could not be cancelled</extracomment>
      <translation>No se ha podido cancelar un pedido anterior</translation>
    </message>
    <message>
      <source>order.not_cancelled_text</source>
      <extracomment>Order {order} of this sale could still be paid, so no new order was made and nothing was charged. Try again in a moment.</extracomment>
      <translation>El pedido {order} de esta venta aún podría pagarse, así que no se ha creado ningún pedido nuevo ni se ha cobrado nada. Inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
      <source>order.paid_late</source>
      <extracomment>This sale is already paid with order {order}: a payment the store answered late went through. Nothing more is charged. Changes made to the sale since that order are not in it.</extracomment>
      <translation>Esta venta ya está pagada con el pedido {order}: un pago al que la tienda respondió tarde se ha realizado. No se cobra nada más. Los cambios hechos en la venta después de ese pedido no están en él.</translation>
    </message>
    <message>
      <source>paid.already</source>
      <extracomment>This sale is already paid.</extracomment>
      <translation>Esta venta ya está pagada.</translation>
    </message>
    <message>
      <source>paid.no_abandon</source>
      <extracomment>This sale is paid; it cannot be abandoned.</extracomment>
      <translation>Esta venta está pagada; no se puede abandonar.</translation>
    </message>
    <message>
      <source>paid.not_again</source>
      <extracomment>This sale is already paid; it is not charged again.</extracomment>
      <translation>Esta venta ya está pagada; no se cobra de nuevo.</translation>
    </message>
    <message>
      <source>paid.start_new</source>
      <extracomment>This sale is already paid; start a new sale for changes.</extracomment>
      <translation>Esta venta ya está pagada; para hacer cambios, empiece una venta nueva.</translation>
    </message>
    <message>
      <source>resume.cart_gone</source>
      <extracomment>The store no longer has this sale's cart and nothing was paid; start a new sale.</extracomment>
      <translation>La tienda ya no tiene el carrito de esta venta y no se ha pagado nada; empiece una venta nueva.</translation>
    </message>
    <message>
      <source>resume.no_items</source>
      <extracomment>This sale had no items in the store; it was closed.</extracomment>
      <translation>Esta venta no tenía artículos en la tienda; se ha cerrado.</translation>
    </message>
    <message>
      <source>resume.not_in_journal</source>
      <extracomment>That sale is not in this register's journal.</extracomment>
      <translation>Esa venta no está en el diario de esta caja.</translation>
    </message>
    <message>
      <source>salvaged.finished</source>
      <extracomment>finished</extracomment>
      <translation>terminada</translation>
    </message>
    <message>
      <source>salvaged.label</source>
      <extracomment>sale {sale}: {order}, {state}</extracomment>
      <translation>venta {sale}: {order}, {state}</translation>
    </message>
    <message>
      <source>salvaged.no_order</source>
      <extracomment>no order</extracomment>
      <translation>sin pedido</translation>
    </message>
    <message>
      <source>salvaged.order</source>
      <extracomment>order {order}</extracomment>
      <translation>pedido {order}</translation>
    </message>
    <message>
      <source>salvaged.paid</source>
      <extracomment>paid</extracomment>
      <translation>pagada</translation>
    </message>
    <message>
      <source>salvaged.payment_unknown</source>
      <extracomment>payment outcome unknown: check the order at the store</extracomment>
      <translation>resultado del pago desconocido: compruebe el pedido en la tienda</translation>
    </message>
    <message>
      <source>salvaged.unfinished</source>
      <extracomment>unfinished</extracomment>
      <translation>sin terminar</translation>
    </message>
    <message>
      <source>scan.line_gone</source>
      <extracomment>That line is no longer in the sale.</extracomment>
      <translation>Esa línea ya no forma parte de la venta.</translation>
    </message>
    <message>
      <source>scan.not_added</source>
      <extracomment>The store did not add {item}.</extracomment>
      <translation>La tienda no ha añadido {item}.</translation>
    </message>
    <message>
      <source>scan.on_its_way</source>
      <extracomment>This item is still on its way to the store; remove it once it is added.</extracomment>
      <translation>Este artículo todavía va de camino a la tienda; quítelo cuando se haya añadido.</translation>
    </message>
    <message>
      <source>scan.out_of_stock</source>
      <extracomment>{item} is out of stock.</extracomment>
      <translation>{item} está agotado.</translation>
    </message>
    <message>
      <source>scans.wait</source>
      <extracomment>{count} scanned item(s) still wait for the store; the payment waits until they are added.</extracomment>
      <translation>{count} artículo(s) escaneado(s) todavía esperan a la tienda; el pago espera a que se añadan.</translation>
    </message>
    <message>
      <source>settle.closed_unpaid</source>
      <extracomment>The order was closed without payment</extracomment>
      <translation>El pedido se ha cerrado sin pago</translation>
    </message>
    <message>
      <source>settle.closed_unpaid_text</source>
      <extracomment>Nothing was charged. Open the payment step again to make a new order.</extracomment>
      <translation>No se ha cobrado nada. Abra de nuevo el paso de pago para crear un pedido nuevo.</translation>
    </message>
    <message>
      <source>settle.not_through</source>
      <extracomment>The payment did not go through</extracomment>
      <translation>El pago no se ha realizado</translation>
    </message>
    <message>
      <source>settle.not_through_text</source>
      <extracomment>The store confirms that nothing was charged. Charge again when ready.</extracomment>
      <translation>La tienda confirma que no se ha cobrado nada. Cobre de nuevo cuando esté listo.</translation>
    </message>
    <message>
      <source>settle.nothing_charged</source>
      <extracomment>Nothing was charged.</extracomment>
      <translation>No se ha cobrado nada.</translation>
    </message>
    <message>
      <source>settle.paid</source>
      <extracomment>Paid.</extracomment>
      <translation>Pagado.</translation>
    </message>
    <message>
      <source>step.confirmed</source>
      <extracomment>confirmed</extracomment>
      <translation>confirmada</translation>
    </message>
    <message>
      <source>step.customer</source>
      <extracomment>customer</extracomment>
      <translation>cliente</translation>
    </message>
    <message>
      <source>step.fulfilment</source>
      <extracomment>fulfilment</extracomment>
      <translation>entrega</translation>
    </message>
    <message>
      <source>step.items</source>
      <extracomment>items</extracomment>
      <translation>artículos</translation>
    </message>
    <message>
      <source>step.payment</source>
      <extracomment>payment</extracomment>
      <translation>pago</translation>
    </message>
    <message>
      <source>step.review</source>
      <extracomment>review</extracomment>
      <translation>revisión</translation>
    </message>
    <message>
      <source>step.shipping</source>
      <extracomment>shipping</extracomment>
      <translation>envío</translation>
    </message>
    <message>
      <source>tender.amount</source>
      <extracomment>Type an amount such as 50.00.</extracomment>
      <translation>Escriba un importe, como 50.00.</translation>
    </message>
    <message>
      <source>tender.amount_cents</source>
      <extracomment>Type an amount above zero with at most two decimals, such as 50.00.</extracomment>
      <translation>Escriba un importe mayor que cero con dos decimales como máximo, como 50.00.</translation>
    </message>
    <message>
      <source>tender.an_object</source>
      <extracomment>The payment must be an object.</extracomment>
      <translation>El pago debe ser un objeto.</translation>
    </message>
    <message>
      <source>tender.approval</source>
      <extracomment>Type the terminal's approval code (letters and digits, up to 40; never a card number).</extracomment>
      <translation>Escriba el código de aprobación del terminal (letras y dígitos, hasta 40; nunca un número de tarjeta).</translation>
    </message>
    <message>
      <source>tender.card_terminal</source>
      <extracomment>Card terminal</extracomment>
      <translation>Terminal de tarjetas</translation>
    </message>
    <message>
      <source>tender.cash</source>
      <extracomment>Cash</extracomment>
      <translation>Efectivo</translation>
    </message>
    <message>
      <source>tender.cash_handed</source>
      <extracomment>Type the cash handed over.</extracomment>
      <translation>Escriba el efectivo entregado.</translation>
    </message>
    <message>
      <source>tender.cash_part_short</source>
      <extracomment>{tendered} does not cover the cash part {amount}.</extracomment>
      <translation>{tendered} no cubre la parte en efectivo de {amount}.</translation>
    </message>
    <message>
      <source>tender.cash_short</source>
      <extracomment>{tendered} does not cover the {due} due.</extracomment>
      <translation>{tendered} no cubre los {due} a pagar.</translation>
    </message>
    <message>
      <source>tender.gift_certificate</source>
      <extracomment>Gift certificate</extracomment>
      <translation>Certificado de regalo</translation>
    </message>
    <message>
      <source>tender.last4</source>
      <extracomment>Type the card's last 4 digits as printed on the terminal's slip.</extracomment>
      <translation>Escriba los últimos 4 dígitos de la tarjeta que figuran en el comprobante del terminal.</translation>
    </message>
    <message>
      <source>tender.masked</source>
      <extracomment>{name} ****{last4}</extracomment>
      <translation>{name} ****{last4}</translation>
    </message>
    <message>
      <source>tender.name_it</source>
      <extracomment>Name the tender.</extracomment>
      <translation>Indique la forma de pago.</translation>
    </message>
    <message>
      <source>tender.none_listed</source>
      <extracomment>none</extracomment>
      <translation>ninguna</translation>
    </message>
    <message>
      <source>tender.not_listed</source>
      <extracomment>The profile does not list the tender {name} (it lists: {listed}).</extracomment>
      <translation>El perfil no incluye la forma de pago {name} (incluye: {listed}).</translation>
    </message>
    <message>
      <source>tender.other_name</source>
      <extracomment>Give the tender's "name".</extracomment>
      <translation>Indique el campo "name" de la forma de pago.</translation>
    </message>
    <message>
      <source>tender.parts_sum</source>
      <extracomment>The parts add up to {sum}, not the {total} due.</extracomment>
      <translation>Las partes suman {sum}, no los {total} a pagar.</translation>
    </message>
    <message>
      <source>tender.reference</source>
      <extracomment>The reference has letters and digits only, up to 40.</extracomment>
      <translation>La referencia solo tiene letras y dígitos, hasta 40.</translation>
    </message>
    <message>
      <source>tender.split_two</source>
      <extracomment>A split needs two tenders or more.</extracomment>
      <translation>Un pago dividido necesita dos formas de pago o más.</translation>
    </message>
    <message>
      <source>tender.store_credit</source>
      <extracomment>Store credit</extracomment>
      <translation>Saldo de la tienda</translation>
    </message>
    <message>
      <source>tender.terminal_fields</source>
      <extracomment>Give the terminal's "reference" and "last4".</extracomment>
      <translation>Indique los campos "reference" y "last4" del terminal.</translation>
    </message>
    <message>
      <source>tender.terminal_only</source>
      <extracomment>A terminal payment has only "reference" and "last4" (never a card number).</extracomment>
      <translation>Un pago con terminal solo tiene "reference" y "last4" (nunca un número de tarjeta).</translation>
    </message>
    <message>
      <source>tender.unknown</source>
      <extracomment>Unknown tender.</extracomment>
      <translation>Forma de pago desconocida.</translation>
    </message>
    <message>
      <source>undelivered.order</source>
      <extracomment>Paid: order {order}{total} — print the receipt.</extracomment>
      <translation>Pagado: pedido {order}{total}; imprima el recibo.</translation>
    </message>
    <message>
      <source>undelivered.sale</source>
      <extracomment>Paid: a sale{total} — print the receipt.</extracomment>
      <translation>Pagado: una venta{total}; imprima el recibo.</translation>
    </message>
    <message>
      <source>unfinished.order</source>
      <extracomment>{when} order {order} ({state})</extracomment>
      <translation>{when} pedido {order} ({state})</translation>
    </message>
    <message>
      <source>unfinished.order_total</source>
      <extracomment>{when} order {order} {total} ({state})</extracomment>
      <translation>{when} pedido {order} {total} ({state})</translation>
    </message>
    <message>
      <source>unfinished.plain</source>
      <extracomment>{when} ({state})</extracomment>
      <translation>{when} ({state})</translation>
    </message>
    <message>
      <source>unfinished.total</source>
      <extracomment>{when} {total} ({state})</extracomment>
      <translation>{when} {total} ({state})</translation>
    </message>
  </context>
</TS>
