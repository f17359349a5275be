<?xml version="1.0" encoding="UTF-8"?>
<!--
  請求書 (invoice, laid out as a qualified invoice). Input: the <invoice> document built by InvoicePdf.
  All values arrive as text nodes (amounts and dates already formatted) and are only copied with xsl:value-of.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="accent">#1f3a5f</xsl:variable>
  <xsl:variable name="rule">#8a97a8</xsl:variable>
  <xsl:variable name="shade">#eef2f7</xsl:variable>

  <xsl:template match="/invoice">
    <fo:root xml:lang="ja" font-family="BIZ UDPGothic" font-size="10pt" line-height="1.55">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm"
                               margin-top="14mm" margin-bottom="10mm" margin-left="20mm" margin-right="20mm">
          <fo:region-body margin-top="4mm" margin-bottom="14mm"/>
          <fo:region-after extent="10mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>

      <fo:page-sequence master-reference="A4" xml:lang="ja">
        <fo:static-content flow-name="xsl-region-after">
          <fo:block font-size="8pt" color="#555555" text-align="center" border-top="0.4pt solid {$rule}"
                    padding-top="1.5mm">
            <xsl:value-of select="issuer-name"/>
            <xsl:text>　</xsl:text>
            <xsl:value-of select="service-name"/>
            <xsl:text>　請求書番号 </xsl:text>
            <xsl:value-of select="invoice-number"/>
          </fo:block>
        </fo:static-content>

        <fo:flow flow-name="xsl-region-body">
          <fo:block text-align="center" font-size="24pt" font-weight="bold" letter-spacing="0.5em"
                    color="{$accent}" space-after="4mm">
            <xsl:value-of select="title"/>
          </fo:block>

          <!-- number and date, top right -->
          <fo:table table-layout="fixed" width="100%" space-after="5mm">
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-column column-width="24mm"/>
            <fo:table-column column-width="40mm"/>
            <fo:table-body>
              <fo:table-row>
                <fo:table-cell><fo:block/></fo:table-cell>
                <fo:table-cell><fo:block>請求書番号</fo:block></fo:table-cell>
                <fo:table-cell><fo:block text-align="end"><xsl:value-of select="invoice-number"/></fo:block></fo:table-cell>
              </fo:table-row>
              <fo:table-row>
                <fo:table-cell><fo:block/></fo:table-cell>
                <fo:table-cell><fo:block>発行日</fo:block></fo:table-cell>
                <fo:table-cell><fo:block text-align="end"><xsl:value-of select="issued-on"/></fo:block></fo:table-cell>
              </fo:table-row>
            </fo:table-body>
          </fo:table>

          <!-- recipient left, issuer right -->
          <fo:table table-layout="fixed" width="100%" space-after="6mm">
            <fo:table-column column-width="95mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-body>
              <fo:table-row>
                <fo:table-cell padding-right="6mm">
                  <xsl:if test="recipient-address">
                    <fo:block font-size="9pt" linefeed-treatment="preserve" space-after="1.5mm">
                      <xsl:value-of select="recipient-address"/>
                    </fo:block>
                  </xsl:if>
                  <fo:block font-size="14pt" font-weight="bold" border-bottom="0.8pt solid #000000" padding-bottom="0.5mm">
                    <xsl:value-of select="recipient-name"/>
                    <xsl:text> 様</xsl:text>
                  </fo:block>
                  <fo:block space-before="4mm">下記のとおりご請求申し上げます。</fo:block>
                </fo:table-cell>
                <fo:table-cell>
                  <fo:block font-size="11pt" font-weight="bold"><xsl:value-of select="issuer-name"/></fo:block>
                  <fo:block font-size="9pt"><xsl:value-of select="service-name"/></fo:block>
                  <fo:block font-size="9pt" linefeed-treatment="preserve"><xsl:value-of select="issuer-address"/></fo:block>
                  <fo:block font-size="9pt" space-before="1mm">
                    <xsl:text>登録番号 </xsl:text>
                    <xsl:value-of select="issuer-registration-number"/>
                  </fo:block>
                </fo:table-cell>
              </fo:table-row>
            </fo:table-body>
          </fo:table>

          <!-- amount due -->
          <fo:table table-layout="fixed" width="110mm" border="1.2pt solid {$accent}" space-after="2mm">
            <fo:table-column column-width="45mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-body>
              <fo:table-row>
                <fo:table-cell background-color="{$accent}" color="#ffffff" padding="2mm" display-align="center">
                  <fo:block font-weight="bold">ご請求金額（税込）</fo:block>
                </fo:table-cell>
                <fo:table-cell padding="2mm" display-align="center">
                  <fo:block font-size="16pt" font-weight="bold" text-align="end">
                    <xsl:value-of select="total-amount"/>
                  </fo:block>
                </fo:table-cell>
              </fo:table-row>
            </fo:table-body>
          </fo:table>
          <fo:table table-layout="fixed" width="110mm" space-after="6mm">
            <fo:table-column column-width="45mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-body>
              <xsl:call-template name="fact">
                <xsl:with-param name="label">お支払期限</xsl:with-param>
                <xsl:with-param name="value" select="due-on"/>
              </xsl:call-template>
              <xsl:call-template name="fact">
                <xsl:with-param name="label">受付番号</xsl:with-param>
                <xsl:with-param name="value" select="order-number"/>
              </xsl:call-template>
            </fo:table-body>
          </fo:table>

          <!-- items -->
          <fo:table table-layout="fixed" width="100%" border-collapse="collapse" space-after="5mm">
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-column column-width="38mm"/>
            <fo:table-column column-width="36mm"/>
            <fo:table-header>
              <fo:table-row background-color="{$shade}" font-weight="bold">
                <fo:table-cell number-columns-spanned="2" border="0.5pt solid {$rule}" padding="1.5mm 2mm">
                  <fo:block text-align="center">品目</fo:block>
                </fo:table-cell>
                <fo:table-cell border="0.5pt solid {$rule}" padding="1.5mm 2mm">
                  <fo:block text-align="center">金額</fo:block>
                </fo:table-cell>
              </fo:table-row>
            </fo:table-header>
            <fo:table-body>
              <fo:table-row>
                <fo:table-cell number-columns-spanned="2" border="0.5pt solid {$rule}" padding="2mm">
                  <fo:block><xsl:value-of select="description"/><xsl:text> ※</xsl:text></fo:block>
                  <fo:block font-size="8.5pt" color="#444444">
                    <xsl:text>受付番号 </xsl:text><xsl:value-of select="order-number"/>
                  </fo:block>
                </fo:table-cell>
                <fo:table-cell border="0.5pt solid {$rule}" padding="2mm" display-align="center">
                  <fo:block text-align="end"><xsl:value-of select="net-amount"/></fo:block>
                </fo:table-cell>
              </fo:table-row>
              <xsl:call-template name="sum">
                <xsl:with-param name="label">小計</xsl:with-param>
                <xsl:with-param name="value" select="net-amount"/>
              </xsl:call-template>
              <xsl:call-template name="sum">
                <xsl:with-param name="label" select="concat('消費税（', tax-rate, '対象）')"/>
                <xsl:with-param name="value" select="tax-amount"/>
              </xsl:call-template>
              <xsl:call-template name="sum">
                <xsl:with-param name="label">合計</xsl:with-param>
                <xsl:with-param name="value" select="total-amount"/>
                <xsl:with-param name="bold" select="true()"/>
              </xsl:call-template>
            </fo:table-body>
          </fo:table>
          <fo:block font-size="8.5pt" space-before="-3mm" space-after="5mm">
            <xsl:text>※は消費税率</xsl:text><xsl:value-of select="tax-rate"/><xsl:text>の対象品目です。</xsl:text>
          </fo:block>

          <!-- per tax rate -->
          <fo:block font-weight="bold" color="{$accent}" space-after="1mm">税率ごとの内訳</fo:block>
          <fo:table table-layout="fixed" width="120mm" border-collapse="collapse" space-after="6mm">
            <fo:table-column column-width="30mm"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-column column-width="proportional-column-width(1)"/>
            <fo:table-header>
              <fo:table-row background-color="{$shade}" font-weight="bold">
                <fo:table-cell border="0.5pt solid {$rule}" padding="1.2mm 2mm"><fo:block text-align="center">税率</fo:block></fo:table-cell>
                <fo:table-cell border="0.5pt solid {$rule}" padding="1.2mm 2mm"><fo:block text-align="center">対象金額（税抜）</fo:block></fo:table-cell>
                <fo:table-cell border="0.5pt solid {$rule}" padding="1.2mm 2mm"><fo:block text-align="center">消費税額</fo:block></fo:table-cell>
              </fo:table-row>
            </fo:table-header>
            <fo:table-body>
              <fo:table-row>
                <fo:table-cell border="0.5pt solid {$rule}" padding="1.2mm 2mm">
                  <fo:block><xsl:value-of select="tax-rate"/><xsl:text>対象</xsl:text></fo:block>
                </fo:table-cell>
                <fo:table-cell border="0.5pt solid {$rule}" padding="1.2mm 2mm">
                  <fo:block text-align="end"><xsl:value-of select="net-amount"/></fo:block>
                </fo:table-cell>
                <fo:table-cell border="0.5pt solid {$rule}" padding="1.2mm 2mm">
                  <fo:block text-align="end"><xsl:value-of select="tax-amount"/></fo:block>
                </fo:table-cell>
              </fo:table-row>
            </fo:table-body>
          </fo:table>

          <!-- how to pay -->
          <fo:block font-weight="bold" color="{$accent}" space-after="1mm">お振込先</fo:block>
          <fo:block margin-left="0" margin-right="0" border="0.5pt solid {$rule}" padding="2.5mm" space-after="6mm" keep-together.within-page="always">
            <fo:block linefeed-treatment="preserve"><xsl:value-of select="bank-account"/></fo:block>
          </fo:block>

          <fo:block font-weight="bold" color="{$accent}" space-after="1mm">備考</fo:block>
          <fo:list-block provisional-distance-between-starts="4mm" provisional-label-separation="1mm" font-size="9.5pt">
            <fo:list-item>
              <fo:list-item-label end-indent="label-end()"><fo:block>・</fo:block></fo:list-item-label>
              <fo:list-item-body start-indent="body-start()">
                <fo:block font-weight="bold">入金完了を以ってお申込みとなります。（未入金の場合、電子証明書を発行することはできません。）</fo:block>
              </fo:list-item-body>
            </fo:list-item>
            <fo:list-item>
              <fo:list-item-label end-indent="label-end()"><fo:block>・</fo:block></fo:list-item-label>
              <fo:list-item-body start-indent="body-start()">
                <fo:block><xsl:text>お支払期限（</xsl:text><xsl:value-of select="due-on"/><xsl:text>）までにお振込みください。</xsl:text></fo:block>
              </fo:list-item-body>
            </fo:list-item>
            <fo:list-item>
              <fo:list-item-label end-indent="label-end()"><fo:block>・</fo:block></fo:list-item-label>
              <fo:list-item-body start-indent="body-start()">
                <fo:block>入金確認後、審査を行います。審査完了後、電子証明書のダウンロードについてメールでご案内いたします。</fo:block>
              </fo:list-item-body>
            </fo:list-item>
          </fo:list-block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template name="fact">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <fo:table-row>
      <fo:table-cell padding="1mm 2mm" border-bottom="0.5pt solid {$rule}">
        <fo:block font-weight="bold"><xsl:value-of select="$label"/></fo:block>
      </fo:table-cell>
      <fo:table-cell padding="1mm 2mm" border-bottom="0.5pt solid {$rule}">
        <fo:block text-align="end"><xsl:value-of select="$value"/></fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="sum">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:param name="bold" select="false()"/>
    <fo:table-row>
      <fo:table-cell><fo:block/></fo:table-cell>
      <fo:table-cell border="0.5pt solid {$rule}" background-color="{$shade}" padding="1.5mm 2mm">
        <fo:block>
          <xsl:if test="$bold"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if>
          <xsl:value-of select="$label"/>
        </fo:block>
      </fo:table-cell>
      <fo:table-cell border="0.5pt solid {$rule}" padding="1.5mm 2mm">
        <fo:block text-align="end">
          <xsl:if test="$bold"><xsl:attribute name="font-weight">bold</xsl:attribute></xsl:if>
          <xsl:value-of select="$value"/>
        </fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>
</xsl:stylesheet>
