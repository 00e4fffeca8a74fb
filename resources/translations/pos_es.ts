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
      <source>Getting the payment ready…</source>
      <translation>Preparando el pago…</translation>
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
  </context>
  <context>
    <name>PaymentPage</name>
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
  </context>
  <context>
    <name>StartPage</name>
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
      <translation>Cheque regalo</translation>
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
</TS>
